package io.meshlift.agent.coordinator;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.proto.control.v1.AssignmentRefused;
import io.meshlift.proto.control.v1.Report;

import static org.assertj.core.api.Assertions.assertThat;

class ReportOutboxTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("outbox.mv");
    }

    private static Report.Builder refused(String reason) {
        return Report.newBuilder()
                .setAssignmentId("a-1")
                .setRefused(AssignmentRefused.newBuilder().setReason(reason));
    }

    private static List<Long> ids(List<Report> reports) {
        return reports.stream().map(Report::getReportId).toList();
    }

    @Test
    void reportIdsKeepIncreasingAcrossReopenAndAcknowledgement() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            assertThat(outbox.append(refused("one")).getReportId()).isEqualTo(1);
            assertThat(outbox.append(refused("two")).getReportId()).isEqualTo(2);
            outbox.acknowledge(2);
        }
        try (ReportOutbox reopened = ReportOutbox.open(file())) {
            assertThat(reopened.lastId()).isEqualTo(2);
            assertThat(reopened.append(refused("three")).getReportId()).isEqualTo(3);
        }
    }

    @Test
    void unacknowledgedReportsSurviveReopenAndAreReplayedInOrder() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            for (int i = 1; i <= 5; i++) {
                outbox.append(refused("r" + i));
            }
        }
        try (ReportOutbox reopened = ReportOutbox.open(file())) {
            List<Report> all = reopened.after(0, 100);
            assertThat(ids(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(all.get(2).getRefused().getReason()).isEqualTo("r3");
            assertThat(reopened.pending()).isEqualTo(5);
        }
    }

    @Test
    void acknowledgementRemovesOnlyTheReportsItCovers() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            for (int i = 1; i <= 5; i++) {
                outbox.append(refused("r" + i));
            }

            assertThat(outbox.acknowledge(3)).isEqualTo(3);
            assertThat(outbox.acknowledge(2)).isZero();

            assertThat(ids(outbox.after(0, 100))).containsExactly(4L, 5L);
            assertThat(outbox.pending()).isEqualTo(2);
        }
        try (ReportOutbox reopened = ReportOutbox.open(file())) {
            assertThat(ids(reopened.after(0, 100))).containsExactly(4L, 5L);
        }
    }

    @Test
    void afterReadsPagesFromAGivenId() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            for (int i = 1; i <= 10; i++) {
                outbox.append(refused("r" + i));
            }

            assertThat(ids(outbox.after(0, 4))).containsExactly(1L, 2L, 3L, 4L);
            assertThat(ids(outbox.after(4, 4))).containsExactly(5L, 6L, 7L, 8L);
            assertThat(ids(outbox.after(8, 4))).containsExactly(9L, 10L);
            assertThat(outbox.after(10, 4)).isEmpty();
        }
    }

    @Test
    void advanceToSkipsIdsTheCoordinatorAlreadyStored() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            outbox.append(refused("before the state directory was lost"));

            outbox.advanceTo(40);
            outbox.advanceTo(7);

            assertThat(outbox.append(refused("next")).getReportId()).isEqualTo(41);
        }
    }

    @Test
    void remembersAssignmentsAcrossReopen() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            outbox.rememberAssignment("t_2f1", "t/1");
        }
        try (ReportOutbox reopened = ReportOutbox.open(file())) {
            assertThat(reopened.assignmentOf("t_2f1")).isEqualTo("t/1");
            assertThat(reopened.assignmentOf("admin-pull")).isNull();
        }
    }

    @Test
    void notifiesAfterEachAppend() {
        try (ReportOutbox outbox = ReportOutbox.open(file())) {
            int[] calls = {0};
            outbox.onAppend(() -> calls[0]++);

            outbox.append(refused("x"));
            outbox.append(refused("y"));

            assertThat(calls[0]).isEqualTo(2);
        }
    }
}
