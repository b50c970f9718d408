package io.meshlift.coordinator.enrollment;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerService;
import io.meshlift.coordinator.keycloak.AgentClients;
import io.meshlift.coordinator.keycloak.AgentCredentials;
import io.meshlift.coordinator.revocation.RevokedAgents;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.CsrRejectedException;
import io.meshlift.core.pki.InvalidAgentIdException;
import io.meshlift.core.pki.Pem;
import io.meshlift.core.pki.PemFileException;

/**
 * Agent enrollment. An admin issues a one-time token ({@link #issueToken}), which also creates the agent's
 * Keycloak client; the agent then presents the token with a CSR ({@link #enroll}) and receives its
 * certificate, the CA certificate and its client credentials. Every issue, enrollment and refusal is in
 * the audit ledger.
 */
@ApplicationScoped
public class EnrollmentService {

    private static final Logger LOG = Logger.getLogger(EnrollmentService.class);

    private final EnrollmentTokens tokens;
    private final EnrollmentAudit audit;
    private final LedgerService ledger;
    private final AgentClients clients;
    private final MeshCa ca;
    private final RevokedAgents revoked;
    private final EnrollmentConfig config;

    EnrollmentService(
            EnrollmentTokens tokens,
            EnrollmentAudit audit,
            LedgerService ledger,
            AgentClients clients,
            MeshCa ca,
            RevokedAgents revoked,
            EnrollmentConfig config) {
        this.tokens = tokens;
        this.audit = audit;
        this.ledger = ledger;
        this.clients = clients;
        this.ca = ca;
        this.revoked = revoked;
        this.config = config;
    }

    /**
     * Creates (if missing) the agent's Keycloak client and issues a one-time token for it.
     *
     * @throws InvalidAgentIdException if {@code agentId} is not a valid agent id
     * @throws AgentRevokedException if the agent is revoked
     */
    @Transactional
    public EnrollmentTokens.Issued issueToken(String agentId, String issuedBy) {
        AgentId agent = AgentId.of(agentId);
        if (revoked.isRevoked(agent)) {
            throw new AgentRevokedException(agent);
        }
        // Keycloak first: if it is down, no token is issued that could not be redeemed.
        clients.ensureClient(agent);
        EnrollmentTokens.Issued issued = tokens.issue(agent, issuedBy);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("agent", agent.value());
        payload.put("expiresAt", issued.expiresAt().toString());
        payload.put("issuedBy", issuedBy == null ? "" : issuedBy);
        ledger.append(null, LedgerKind.ENROLLMENT_TOKEN_ISSUED, payload);
        LOG.infof("enrollment token for agent %s issued by %s, valid until %s", agent, issuedBy, issued.expiresAt());
        return issued;
    }

    /**
     * Enrolls an agent: checks the token, then the CSR, then spends the token and signs, all or nothing.
     * Refusals are recorded in the ledger and rethrown.
     *
     * @param bodyToken the token in the request body, or null
     * @param headerToken the token of an {@code Authorization: Enrollment} header, or null
     * @throws EnrollmentRefusedException saying why
     */
    public Enrollment enroll(
            String agentId, String csrPem, String bodyToken, String headerToken, String remoteAddress) {
        try {
            if (bodyToken != null && headerToken != null && !bodyToken.equals(headerToken)) {
                // Two different tokens: refuse rather than guess which one the caller meant.
                throw new EnrollmentRefusedException(
                        EnrollmentRefusedException.Reason.INVALID_REQUEST,
                        agentId,
                        "the body and the Authorization header carry different enrollment tokens");
            }
            return attempt(agentId, csrPem, headerToken != null ? headerToken : bodyToken);
        } catch (EnrollmentRefusedException refusal) {
            audit.refused(refusal, remoteAddress);
            LOG.infof(
                    "enrollment refused (%s) for agent %s from %s: %s",
                    refusal.reason(), refusal.agentId(), remoteAddress, refusal.getMessage());
            throw refusal;
        }
    }

    private Enrollment attempt(String agentId, String csrPem, String token) {
        if (token == null || token.isBlank()) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.TOKEN_MISSING,
                    agentId,
                    "enrollment needs a one-time enrollment token, in the body or an 'Authorization: Enrollment"
                            + " <token>' header");
        }
        AgentId agent = agentId(agentId);
        tokens.check(token, agent);
        if (revoked.isRevoked(agent)) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.AGENT_REVOKED, agent.value(), "agent " + agent + " is revoked");
        }
        PKCS10CertificationRequest csr = parse(csrPem, agent);
        X509Certificate certificate;
        try {
            certificate = ca.sign(csr, agent, config.enrollment().certificateValidity());
        } catch (CsrRejectedException e) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.CSR_REJECTED, agent.value(), e.getMessage(), e);
        }
        // ArC intercepts self-invocation, so complete() runs in its own transaction.
        return complete(token, agent, certificate);
    }

    /**
     * Spends the token, rotates the client secret and records the enrollment in one transaction: if
     * Keycloak fails, the token stays unspent and the agent can retry.
     */
    @Transactional
    Enrollment complete(String token, AgentId agent, X509Certificate certificate) {
        tokens.spend(token, agent);
        AgentCredentials credentials = clients.rotateSecret(agent);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("agent", agent.value());
        payload.put("serial", certificate.getSerialNumber().toString(16));
        payload.put("notAfter", certificate.getNotAfter().toInstant().toString());
        payload.put("clientId", credentials.clientId());
        ledger.append(null, LedgerKind.AGENT_ENROLLED, payload);
        LOG.infof(
                "agent %s enrolled: certificate serial %s until %s, Keycloak client %s",
                agent,
                certificate.getSerialNumber().toString(16),
                certificate.getNotAfter().toInstant(),
                credentials.clientId());
        return new Enrollment(
                agent.value(),
                Pem.encodeCertificates(List.of(certificate)),
                Pem.encodeCertificates(List.of(ca.certificate())),
                certificate.getNotAfter().toInstant(),
                credentials.clientId(),
                credentials.clientSecret());
    }

    private static AgentId agentId(String agentId) {
        try {
            return AgentId.of(agentId == null ? "" : agentId);
        } catch (InvalidAgentIdException e) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.INVALID_REQUEST, agentId, e.getMessage(), e);
        }
    }

    private static PKCS10CertificationRequest parse(String pem, AgentId agent) {
        if (pem == null || pem.isBlank()) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.CSR_MALFORMED, agent.value(), "the request carries no CSR");
        }
        try {
            return Pem.parseCsr(pem, "CSR of agent " + agent);
        } catch (PemFileException | IllegalArgumentException e) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.CSR_MALFORMED,
                    agent.value(),
                    "the CSR of agent " + agent + " is not a PEM PKCS#10 request: " + e.getMessage(),
                    e);
        }
    }
}
