package io.meshlift.coordinator.logging;

import java.util.UUID;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransferLogContextTest {

    private static final UUID TRANSFER = UUID.fromString("6f1c1c52-4a8e-4a51-9d89-2b8f6f0f7d11");
    private static final UUID JOB = UUID.fromString("0b8e1d2a-5c4f-4e7b-8a90-1d2e3f4a5b6c");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheReportAndItsTransferIntoTheMdcAndRemovesThemOnClose() {
        try (TransferLogContext ignored = TransferLogContext.report("dst-1", TRANSFER + "/2")) {
            assertThat(MDC.get("agent")).isEqualTo("dst-1");
            assertThat(MDC.get("assignmentId")).isEqualTo(TRANSFER + "/2");
            assertThat(MDC.get("transferId")).isEqualTo(TRANSFER.toString());
            assertThat(MDC.get("jobId")).isNull();

            TransferLogContext.transfer(TRANSFER, JOB, "billing");

            assertThat(MDC.get("jobId")).isEqualTo(JOB.toString());
            assertThat(MDC.get("dataset")).isEqualTo("billing");
        }
        assertThat(MDC.getMap()).isEmpty();
    }

    @Test
    void restoresWhatTheThreadHadBefore() {
        MDC.put("agent", "outer");
        try (TransferLogContext ignored = TransferLogContext.report("inner", "not-an-assignment")) {
            assertThat(MDC.get("agent")).isEqualTo("inner");
            assertThat(MDC.get("transferId")).isNull();
        }
        assertThat(MDC.get("agent")).isEqualTo("outer");
        assertThat(MDC.get("assignmentId")).isNull();
    }

    @Test
    void addsNothingOutsideAReport() {
        TransferLogContext.transfer(TRANSFER, JOB, "billing");

        assertThat(MDC.getMap()).isEmpty();
    }
}
