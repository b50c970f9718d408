package io.meshlift.quickstart;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.Endpoint;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * The quickstart's steps, each announced: preflight, Keycloak, dashboard login, coordinator, enrollment,
 * agents, sample data, plan and job, live progress, audit, independent check. Everything it starts keeps
 * running when it returns, recorded in {@code pids/} for {@code bin/quickstart --stop}.
 */
final class Quickstart {

    private static final String DASHBOARD_CLIENT = "meshlift-dashboard";

    private final QuickstartSettings settings;
    private final Console console;

    Quickstart(QuickstartSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    void run() {
        Instant started = Instant.now();
        console.step("preflight: Java, built runners, free ports, disk space");
        Preflight.check(console, settings, existingParent(settings.work()));
        WorkDir work = WorkDir.prepare(settings.work());
        console.detail("work directory %s (logs in %s)", work.root(), work.logs());
        QuickstartPlan plan = QuickstartPlan.read(settings.plan());
        console.detail(
                "%s is valid: %d datasets",
                QuickstartSettings.PLAN, plan.plan().datasets().size());

        console.step("starting Keycloak " + settings.keycloakVersion() + " with the meshlift realm on 127.0.0.1:"
                + settings.ports().keycloak() + " (the first start takes a minute or more)");
        LocalKeycloak keycloak = LocalKeycloak.start(settings, work);
        console.detail("ready at %s; fresh client secrets in %s (0600)", keycloak.baseUrl(), work.secrets());

        console.step("creating the dashboard login (operator + auditor roles)");
        String password = DashboardLogin.create(keycloak.server(), work);
        console.detail(
                "user %s; password in %s (0600)",
                DashboardLogin.USERNAME, work.secrets().resolve("dashboard-login"));

        URI coordinatorUrl = URI.create("http://127.0.0.1:" + settings.ports().coordinatorHttp());
        // The realm's dashboard client redirects only to its exact URL: this installation's port.
        keycloak.server()
                .admin(KeycloakServer.REALM)
                .setClientUrls(
                        DASHBOARD_CLIENT, List.of(coordinatorUrl + "/dashboard/"), List.of(coordinatorUrl.toString()));

        console.step("starting the coordinator (embedded H2 in " + work.coordinatorData() + ") with a new mesh CA");
        ServiceProcess coordinator = LocalCoordinator.start(settings, work, keycloak);
        console.detail(
                "REST %s/api/v1, control channel 127.0.0.1:%d (mTLS), log %s",
                coordinatorUrl, settings.ports().coordinatorControl(), coordinator.log());
        CoordinatorApi api = new CoordinatorApi(
                coordinatorUrl,
                keycloak.tokens(LocalKeycloak.ADMIN_CLIENT),
                keycloak.tokens(LocalKeycloak.OPERATOR_CLIENT),
                keycloak.tokens(LocalKeycloak.AUDITOR_CLIENT));

        console.step("enrolling agents " + String.join(", ", QuickstartSettings.AGENTS)
                + " (one-time token from the REST API, key and CSR by `meshlift agent enroll`)");
        AgentEnroller enroller = new AgentEnroller(api);
        Map<String, String> clientIds = new LinkedHashMap<>();
        for (String agent : QuickstartSettings.AGENTS) {
            clientIds.put(agent, enroller.enroll(agent, work.agentCredentials(agent)));
            console.detail(
                    "%s: certificate and Keycloak client %s in %s",
                    agent, clientIds.get(agent), work.agentCredentials(agent));
        }

        String source = QuickstartSettings.AGENTS.get(0);
        console.step("generating sample data on " + source);
        SampleData.Summary data = new SampleData().generate(work.agentVolume(source));
        console.detail(
                "%d files, %s, Unicode names, a symlink and empty directories under %s",
                data.files(), JobWatch.mib(data.bytes()), work.agentVolume(source));

        console.step("starting the agents");
        LocalAgents agents = new LocalAgents();
        agents.start(settings, work, keycloak, clientIds, console);
        agents.awaitOnline(api, console);

        console.step("applying " + QuickstartSettings.PLAN + " and starting a job (operator token)");
        String planId = api.createPlan(plan.yaml()).path("id").asText();
        JsonNode job = api.startJob(planId);
        String jobId = job.path("id").asText();
        console.detail("plan %s, job %s", planId, jobId);

        console.step("progress of job " + jobId);
        JsonNode finished = JobWatch.follow(api, jobId, console);
        if (!"SUCCEEDED".equals(finished.path("state").asText())) {
            throw new QuickstartException(
                    "job " + jobId + " ended " + finished.path("state").asText()
                            + "; see the transfers above and the agents' logs in " + work.logs());
        }

        console.step("audit summary (auditor token)");
        long verified = AuditSummary.check(api, jobId, console);

        console.step("independent check: re-hashing every destination tree against its source on disk");
        for (DatasetSpec dataset : plan.plan().datasets()) {
            for (Endpoint destination : dataset.destinations()) {
                TreeCheck.Result result = TreeCheck.compare(
                        QuickstartPlan.onDisk(work, dataset.source()), QuickstartPlan.onDisk(work, destination));
                if (!result.identical()) {
                    throw new QuickstartException(destination + " differs from " + dataset.source() + ": "
                            + String.join(
                                    "; ",
                                    result.differences()
                                            .subList(
                                                    0,
                                                    Math.min(
                                                            10,
                                                            result.differences().size()))));
                }
                console.detail(
                        "%-24s identical: %d files, %d symlinks, %d directories",
                        destination, result.files(), result.symlinks(), result.directories());
            }
        }

        console.line("");
        console.line(String.format(
                "Quickstart complete in %d s: every file verified (%d file copies), the ledger verifies,"
                        + " the trees on disk are identical.",
                Duration.between(started, Instant.now()).toSeconds(), verified));
        console.line("");
        console.line("  Coordinator API  " + coordinatorUrl + "/api/v1   (OpenAPI " + coordinatorUrl + "/q/openapi)");
        console.line("  Dashboard        " + coordinatorUrl + "/dashboard/");
        console.line("  Login            user " + DashboardLogin.USERNAME + "   password " + password
                + "   (operator + auditor; kept in " + work.secrets().resolve("dashboard-login") + ")");
        console.line("  Keycloak         " + keycloak.baseUrl() + "/admin/   (bootstrap admin in "
                + work.secrets().resolve("keycloak-admin") + ")");
        console.line("  Agents           " + String.join(" ", QuickstartSettings.AGENTS) + ", volumes under "
                + work.root().resolve("agents"));
        console.line(
                "  Logs             " + work.logs() + " and " + work.keycloak().resolve("keycloak.log"));
        console.line("");
        console.line("Everything keeps running. Stop it with:  bin/quickstart --stop");
    }

    /** The nearest existing directory at or above the work directory, for the free-space check. */
    private static java.nio.file.Path existingParent(java.nio.file.Path dir) {
        java.nio.file.Path candidate = dir.toAbsolutePath().normalize();
        while (candidate != null && !java.nio.file.Files.isDirectory(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? java.nio.file.Path.of("/") : candidate;
    }
}
