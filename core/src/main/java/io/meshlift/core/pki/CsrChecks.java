package io.meshlift.core.pki;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Decides whether a CSR may be signed for an expected agent. The CSR is untrusted input (enrollment
 * receives it from the network), so it must prove possession of its key and may only ask for the
 * expected identity; any other requested name, or no name at all, refuses it. Requested extensions
 * other than the SAN are ignored, never copied: the CA builds agent certificates from scratch.
 */
final class CsrChecks {

    private CsrChecks() {}

    /**
     * Returns the CSR's public key after checking signature, key type and requested identities.
     *
     * @throws CsrRejectedException saying what was wrong, naming expected and requested identities
     */
    static PublicKey verifiedPublicKey(PKCS10CertificationRequest csr, AgentId expected) {
        SubjectPublicKeyInfo keyInfo = csr.getSubjectPublicKeyInfo();
        if (!KeyPairs.isEcP256(keyInfo)) {
            throw new CsrRejectedException("CSR for " + expected + " has a key of type "
                    + keyInfo.getAlgorithm().getAlgorithm() + "; agent keys must be EC P-256");
        }
        PublicKey key;
        try {
            key = KeyPairs.ecPublicKey(keyInfo);
        } catch (Exception e) {
            // The CSR came off the wire: any parse failure is a refusal, not a server bug.
            throw new CsrRejectedException(
                    "CSR for " + expected + " has an unreadable public key ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        boolean signed;
        try {
            signed = JdkSignatures.isSignedBy(csr, key);
        } catch (Exception e) {
            throw new CsrRejectedException("CSR for " + expected + " cannot be verified (" + e.getMessage() + ")", e);
        }
        if (!signed) {
            // Without a valid self-signature the requester has not proven it holds the private key.
            throw new CsrRejectedException("CSR for " + expected + " has an invalid signature");
        }
        List<String> requested;
        try {
            requested = requestedIdentities(csr, expected);
        } catch (CsrRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Malformed ASN.1 in the subject or attributes surfaces as assorted runtime exceptions.
            throw new CsrRejectedException("CSR for " + expected + " has a malformed subject or attributes", e);
        }
        String cn = expected.value();
        String uri = AgentIdentities.uriOf(expected);
        if (requested.isEmpty()) {
            throw new CsrRejectedException("CSR for " + expected + " requests no identity (expected CN=" + cn
                    + " and/or SAN URI " + uri + ")");
        }
        for (String name : requested) {
            if (!name.equals("CN=" + cn) && !name.equals("URI:" + uri)) {
                throw new CsrRejectedException("CSR requests identity " + Printable.quote(name) + " but expected agent "
                        + expected + " (CN=" + cn + ", URI:" + uri + ")");
            }
        }
        return key;
    }

    /** Every name the CSR asks for, as {@code CN=...}, {@code URI:...} or {@code <tag>:...}. */
    private static List<String> requestedIdentities(PKCS10CertificationRequest csr, AgentId expected) {
        List<String> names = new ArrayList<>();
        for (RDN rdn : csr.getSubject().getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (BCStyle.CN.equals(atv.getType())) {
                    names.add("CN=" + text(atv.getValue()));
                }
            }
        }
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttrValues()) {
                GeneralNames san;
                try {
                    san = GeneralNames.fromExtensions(Extensions.getInstance(value), Extension.subjectAlternativeName);
                } catch (IllegalArgumentException e) {
                    throw new CsrRejectedException("CSR for " + expected + " has a malformed extension request", e);
                }
                if (san == null) {
                    continue;
                }
                for (GeneralName name : san.getNames()) {
                    String prefix =
                            name.getTagNo() == GeneralName.uniformResourceIdentifier ? "URI:" : name.getTagNo() + ":";
                    names.add(prefix + text(name.getName()));
                }
            }
        }
        return names;
    }

    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1String string) {
            return string.getString();
        }
        // Directory names, IPs and other non-string values never equal an agent identity, even if
        // their rendering happens to (an INTEGER 7 prints as "7").
        return "<non-string " + value.getClass().getSimpleName() + ">";
    }
}
