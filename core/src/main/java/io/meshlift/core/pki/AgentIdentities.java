package io.meshlift.core.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Maps agent identities to and from certificates.
 *
 * <p>An agent certificate carries its identity as exactly one subjectAltName URI {@code
 * urn:meshlift:agent:<id>}. The subject CN repeats the id for humans but is never used for
 * authorization: only the SAN counts, so a certificate issued with a misleading CN cannot
 * impersonate another agent.
 */
public final class AgentIdentities {

    /** Prefix of the SAN URI naming an agent. */
    public static final String URI_PREFIX = "urn:meshlift:agent:";

    /** {@code GeneralName} tag of uniformResourceIdentifier, as returned by the JDK. */
    private static final int SAN_URI = 6;

    private AgentIdentities() {}

    /** The SAN URI that names {@code id}, e.g. {@code urn:meshlift:agent:db-1}. */
    public static String uriOf(AgentId id) {
        return URI_PREFIX + id.value();
    }

    /**
     * Returns the single agent identity in {@code certificate}.
     *
     * <p>URIs whose prefix matches {@link #URI_PREFIX} ignoring case count as identity claims (URN
     * scheme and namespace are case-insensitive), so a second claim cannot hide behind different
     * casing; such a claim is then rejected as malformed unless it uses the canonical lowercase
     * prefix.
     *
     * @throws CertificateIdentityException if the certificate carries no agent identity, more than
     *     one, or one that is not a valid {@link AgentId}
     */
    public static AgentId fromCertificate(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        List<String> claims = identityClaims(certificate, subject);
        if (claims.isEmpty()) {
            throw new CertificateIdentityException("Certificate " + Printable.quote(subject)
                    + " carries no agent identity (expected one SAN URI " + URI_PREFIX + "<id>)");
        }
        if (claims.size() > 1) {
            throw new CertificateIdentityException("Certificate " + Printable.quote(subject) + " carries "
                    + claims.size() + " agent identities, exactly one is allowed");
        }
        String uri = claims.get(0);
        if (!uri.startsWith(URI_PREFIX)) {
            throw malformed(subject, uri, null);
        }
        try {
            return AgentId.of(uri.substring(URI_PREFIX.length()));
        } catch (InvalidAgentIdException e) {
            throw malformed(subject, uri, e);
        }
    }

    private static List<String> identityClaims(X509Certificate certificate, String subject) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateIdentityException(
                    "Certificate " + Printable.quote(subject) + " has an unparseable subjectAltName", e);
        }
        List<String> claims = new ArrayList<>();
        if (names == null) {
            return claims;
        }
        for (List<?> name : names) {
            if (name.size() == 2
                    && name.get(0) instanceof Integer tag
                    && tag == SAN_URI
                    && name.get(1) instanceof String uri
                    && uri.toLowerCase(Locale.ROOT).startsWith(URI_PREFIX)) {
                claims.add(uri);
            }
        }
        return claims;
    }

    private static CertificateIdentityException malformed(String subject, String uri, Throwable cause) {
        return new CertificateIdentityException(
                "Certificate " + Printable.quote(subject) + " carries malformed agent identity "
                        + Printable.quote(uri) + " (expected " + URI_PREFIX + "<id>, id matching "
                        + AgentId.RULE + ")",
                cause);
    }
}
