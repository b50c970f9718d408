/**
 * Peer grants: the coordinator's signed permission for one agent (the requester) to read one dataset
 * prefix from one source agent for one job, until it expires. Sources verify grants; a mesh certificate
 * alone no longer reads data (docs/security.md, "Peer grants").
 *
 * <p>Ed25519 from the JDK; the grant's bytes follow {@code proto/.../grant/v1/grant.proto} but are written
 * and read here by hand ({@link io.meshlift.core.grant.GrantEncoding}) because core stays free of
 * generated wire types. Signatures cover the exact bytes sent; nothing is re-serialized before checking.
 */
package io.meshlift.core.grant;
