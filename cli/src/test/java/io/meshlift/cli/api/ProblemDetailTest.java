package io.meshlift.cli.api;

import org.junit.jupiter.api.Test;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailTest {

    @Test
    void showsTitleDetailAndEveryPlanErrorWithItsPosition() {
        String body = """
                {"type":"urn:meshlift:problem:invalid-plan","title":"Invalid plan","status":400,
                 "detail":"the plan has 2 errors","errors":[
                   {"line":7,"column":48,"path":"spec.datasets[0].source.path","message":"path '../x' rejected"},
                   {"line":0,"column":0,"path":"spec.datasets[0].destinations[0].agent","message":"unknown agent 'z'"}]}
                """;

        ProblemDetail problem = ProblemDetail.parse(400, body);

        assertThat(problem.describe())
                .isEqualTo("Invalid plan: the plan has 2 errors (HTTP 400)\n"
                        + "  7:48: spec.datasets[0].source.path: path '../x' rejected\n"
                        + "  spec.datasets[0].destinations[0].agent: unknown agent 'z'");
    }

    @Test
    void showsFieldErrorsOfInvalidRequests() {
        String body = "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 field is invalid: jobId\","
                + "\"errors\":[{\"field\":\"jobId\",\"message\":\"must be a UUID\"}]}";

        assertThat(ProblemDetail.parse(400, body).describe())
                .isEqualTo("Invalid request: 1 field is invalid: jobId (HTTP 400)\n  jobId: must be a UUID");
    }

    @Test
    void keepsTheFirstLineOfAnAnswerThatIsNotJson() {
        ProblemDetail problem = ProblemDetail.parse(502, "<html>Bad gateway</html>\n<body>...</body>");

        assertThat(problem.describe()).isEqualTo("<html>Bad gateway</html> (HTTP 502)");
    }

    @Test
    void mapsStatusesToTheDocumentedExitCodes() {
        assertThat(exit(401)).isEqualTo(ExitCodes.AUTH);
        assertThat(exit(403)).isEqualTo(ExitCodes.AUTH);
        assertThat(exit(404)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(exit(409)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(exit(503)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(exit(400)).isEqualTo(ExitCodes.FAILURE);
        assertThat(exit(500)).isEqualTo(ExitCodes.FAILURE);
    }

    private static int exit(int status) {
        CliException failure = CoordinatorClient.failure(status, "{\"title\":\"t\",\"detail\":\"d\"}");
        assertThat(failure.getMessage()).startsWith("coordinator: t: d (HTTP " + status + ")");
        return failure.exitCode();
    }
}
