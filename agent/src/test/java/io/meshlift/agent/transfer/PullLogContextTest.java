package io.meshlift.agent.transfer;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantSigner;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;

class PullLogContextTest {

    private static final String ASSIGNMENT = "6f1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c10/3";

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void namesTheJobTransferAndDatasetOfTheGrant() {
        PullLogContext context = PullLogContext.of("pull-1", grant());

        assertThat(context.values())
                .containsEntry("pullId", "pull-1")
                .containsEntry("jobId", "job-7")
                .containsEntry("assignmentId", ASSIGNMENT)
                .containsEntry("transferId", "6f1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c10")
                .containsEntry("dataset", "billing");
    }

    @Test
    void aPullWithoutAGrantCarriesItsIdOnly() {
        assertThat(PullLogContext.of("admin-pull", new byte[0]).values()).containsOnlyKeys("pullId");
        assertThat(PullLogContext.of("bad-grant", new byte[] {1, 2, 3}).values())
                .containsOnlyKeys("pullId");
    }

    @Test
    void aScopeRestoresWhatTheThreadHadBefore() {
        MDC.put("pullId", "outer");
        try (PullLogContext.Scope ignored = PullLogContext.of("inner", grant()).apply()) {
            assertThat(MDC.get("pullId")).isEqualTo("inner");
            assertThat(MDC.get("jobId")).isEqualTo("job-7");
        }
        assertThat(MDC.get("pullId")).isEqualTo("outer");
        assertThat(MDC.get("jobId")).isNull();
    }

    @Test
    void threadsOfThePullCarryItsContext() throws Exception {
        PullLogContext context = PullLogContext.of("pull-2", grant());
        var workers = Executors.newSingleThreadExecutor(context.threads(Thread::new));
        try {
            CompletableFuture<Object> seen = CompletableFuture.supplyAsync(() -> MDC.get("transferId"), workers);

            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("6f1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c10");
            assertThat(MDC.get("transferId")).isNull();
        } finally {
            workers.shutdownNow();
        }
    }

    private static byte[] grant() {
        Instant now = Instant.now();
        return new GrantSigner(GrantKeys.generate())
                .sign(new PeerGrant(
                        "job-7",
                        ASSIGNMENT,
                        "billing",
                        AgentId.of("src"),
                        "data",
                        RelativePath.parse("billing"),
                        AgentId.of("dst"),
                        now,
                        now.plusSeconds(60)))
                .encode();
    }
}
