/**
 * Mesh PKI: agent identities, the mesh certificate authority, PEM files and the TLS trust material
 * (key and trust managers) every mesh connection uses.
 *
 * <p>Plain JDK plus BouncyCastle; no Quarkus, Netty or gRPC. The trust rules are: a peer is trusted
 * only if its chain ends at the mesh CA, its leaf carries exactly one {@code urn:meshlift:agent:<id>}
 * SAN URI, it is within its validity window and not on the deny-set, and (for a client dialling a
 * specific peer) the identity equals the expected agent. TLS 1.3 only.
 */
package io.meshlift.core.pki;
