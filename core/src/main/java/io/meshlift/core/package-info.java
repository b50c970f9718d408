/** Plain Java shared by every Meshlift component. Must not depend on Quarkus or generated wire types. */
package io.meshlift.core;
