package io.meshlift.coordinator.enrollment;

import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerService;

/** Records refused enrollments in the audit ledger, in a transaction of their own (the request's rolled back). */
@ApplicationScoped
class EnrollmentAudit {

    private final LedgerService ledger;

    EnrollmentAudit(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refused(EnrollmentRefusedException refusal, String remoteAddress) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("agent", refusal.agentId() == null ? "" : refusal.agentId());
        payload.put("reason", refusal.reason().name());
        payload.put("detail", refusal.getMessage());
        payload.put("from", remoteAddress == null ? "" : remoteAddress);
        ledger.append(null, LedgerKind.ENROLLMENT_REFUSED, payload);
    }
}
