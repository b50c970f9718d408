/** Log context (MDC) that structured logs carry: which agent, job, transfer and dataset a line is about. */
package io.meshlift.coordinator.logging;
