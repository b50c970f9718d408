package io.meshlift.it.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.meshlift.it.coordinator.CoordinatorApi;
import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.harness.AgentEnrollment;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.CoordinatorProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.Workspace;
import io.meshlift.testkit.keycloak.KeycloakServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web dashboard end to end: a real Keycloak, a real coordinator and two real agents, and Debian's
 * headless Chromium driven by Selenium. A person (the realm's {@code dashboard-auditor}, password generated
 * for this run) signs in through Keycloak's own login form, watches a job run live from the jobs list to
 * its end, reads its audit with the status filter, downloads exports (the sha256sum list is then checked
 * by coreutils against the copy on disk) and looks at the agents. Screenshots go to
 * {@code target/dashboard-screenshots/}; the job view's is copied to {@code bench/results/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class DashboardIT {

    private static final String USER = "dashboard-auditor";
    private static final String CLIENT = "meshlift-dashboard";
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    private static final int SMALL_FILES = 30;
    /** At the plan's 4 MiB/s, long enough to be watched while it runs. */
    private static final int LARGE_FILE = 40 * DatasetFixtures.MIB;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static Workspace workspace;
    private static CoordinatorProcess coordinator;
    private static final List<AgentProcess> agents = new ArrayList<>();
    private static CoordinatorApi api;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static Path copy;
    private static String planId;
    private static String jobId;
    private static Path jobScreenshot;

    @BeforeAll
    static void startEverything() throws IOException {
        workspace = Workspace.forClass(DashboardIT.class);
        LocalMeshFixture mesh = LocalMeshFixture.create(workspace.dir("mesh"), "a1", "a2", CoordinatorProcess.IDENTITY);
        coordinator = CoordinatorProcess.builder(mesh, workspace).start();
        api = new CoordinatorApi(coordinator);
        // The realm was imported before this coordinator had a port; narrow the dashboard client to it, as an
        // administrator does after deploying (coordinator.dashboard.url when the coordinator provisions).
        String base = coordinator.baseUri().toString();
        coordinator
                .keycloak()
                .admin(KeycloakServer.REALM)
                .setClientUrls(CLIENT, List.of(base + "/dashboard/"), List.of(base));

        for (String id : List.of("a1", "a2")) {
            agents.add(AgentProcess.builder(id, mesh, workspace)
                    .volume("data", workspace.dir("agents", id, "volume"))
                    .property("agent.coordinator.address", coordinator.controlAddress())
                    .properties(AgentEnrollment.enroll(
                            coordinator, mesh.agent(id), workspace.dir("agents", id, "credentials")))
                    .build());
        }
        Map<String, Integer> files = new TreeMap<>();
        SplittableRandom sizes = new SplittableRandom(7_001L);
        for (int i = 0; i < SMALL_FILES; i++) {
            files.put(String.format("daily/r%03d.csv", i), sizes.nextInt(4097));
        }
        files.put("archive/year.bin", LARGE_FILE);
        new DatasetFixtures(7_002L).small(agents.get(0).volume("data").resolve("reports"), files);
        copy = agents.get(1).volume("data").resolve("copies/reports");

        agents.forEach(AgentProcess::launch);
        agents.forEach(AgentProcess::awaitReady);
        await("agents a1 and a2 ONLINE")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.agents().stream()
                        .filter(agent -> "ONLINE".equals(agent.path("state").asText()))
                        .map(agent -> agent.path("id").asText())
                        .collect(Collectors.toSet())
                        .containsAll(Set.of("a1", "a2")));
        planId = api.createPlan(PLAN).path("id").asText();
        chromium = HeadlessChromium.start(workspace.dir("browser"));
        browser = chromium.driver();
    }

    @AfterAll
    static void stopEverything() {
        if (chromium != null) {
            chromium.close();
        }
        agents.forEach(AgentProcess::close);
        if (coordinator != null) {
            coordinator.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void dashboardFilesAreOpenWithAStrictPolicyWhileTheApiStillRefusesCallsWithoutAToken() throws Exception {
        KeycloakServer keycloak = coordinator.keycloak();
        HttpResponse<String> page = get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\">");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .contains("connect-src 'self' " + keycloak.baseUrl())
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        assertThat(get("/dashboard/js/main.js").statusCode()).isEqualTo(200);
        HttpResponse<String> bare = get("/dashboard");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard/"));

        HttpResponse<String> config = get("/dashboard/config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode settings = JSON.readTree(config.body());
        assertThat(settings.path("clientId").asText()).isEqualTo(CLIENT);
        assertThat(settings.path("issuer").asText()).isEqualTo(keycloak.issuer(KeycloakServer.REALM));
        assertThat(settings.path("tokenEndpoint").asText()).startsWith(keycloak.realmUrl(KeycloakServer.REALM));
        assertThat(settings.path("authorizationEndpoint").asText()).startsWith(keycloak.realmUrl(KeycloakServer.REALM));

        String someJob = UUID.randomUUID().toString();
        for (String path : List.of(
                "/api/v1/jobs",
                "/api/v1/agents",
                "/api/v1/plans",
                "/api/v1/jobs/" + someJob,
                "/api/v1/jobs/" + someJob + "/events",
                "/api/v1/jobs/" + someJob + "/audit",
                "/api/v1/jobs/" + someJob + "/audit/export?format=csv",
                "/api/v1/audit/ledger/verify")) {
            assertThat(api.statusWithoutToken(path))
                    .as("GET %s without a token", path)
                    .isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void signsInThroughTheKeycloakLoginFormAndKeepsTokensOutOfBrowserStorage() {
        browser.get(coordinator.baseUri() + "/dashboard/");
        WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl())
                .as("the login page is Keycloak's own")
                .startsWith(coordinator.keycloak().realmUrl(KeycloakServer.REALM))
                .contains("code_challenge_method=S256");
        browser.findElement(By.id("username")).sendKeys(USER);
        browser.findElement(By.id("password"))
                .sendKeys(coordinator.keycloak().userPassword(KeycloakServer.REALM, USER));
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), USER));
        assertThat(browser.findElement(By.id("who")).getText()).contains("meshlift-auditor");
        assertThat(browser.getCurrentUrl())
                .as("the code is gone from the address")
                .doesNotContain("code=");
        Object stored = browser.executeScript(
                "return JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage))"
                        + " + document.cookie");
        assertThat(String.valueOf(stored))
                .as("browser storage of the dashboard")
                .doesNotContain("eyJ");
    }

    @Test
    @Order(3)
    void followsAJobLiveFromTheJobsListToItsEnd() {
        jobId = api.startJob(planId).path("id").asText();
        WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
        By jobLink = By.cssSelector("tr[data-job='" + jobId + "'] a.job-link");
        // the list refreshes every 2 s: retry a click that lands on a row just replaced
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            page.findElement(jobLink).click();
            return true;
        });
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-state .state")));

        Set<String> states = new TreeSet<>();
        Set<Integer> percents = new TreeSet<>();
        await("job " + jobId + " SUCCEEDED on the page")
                .atMost(JOB_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                // the page re-renders on every event: an element found a moment ago may be gone
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    String state = browser.findElement(By.cssSelector("#job-state .state"))
                            .getText();
                    states.add(state);
                    percents.add(Integer.parseInt(browser.findElement(By.cssSelector("#job-progress progress"))
                            .getDomProperty("value")));
                    if ("RUNNING".equals(state)
                            && jobScreenshot == null
                            && percents.stream().anyMatch(p -> p > 0)) {
                        jobScreenshot = chromium.screenshot(screenshots().resolve("job-running.png"));
                    }
                    return "SUCCEEDED".equals(state);
                });
        System.out.printf("DashboardIT: the job page showed states %s and progress %s%%%n", states, percents);
        assertThat(states).as("states the page showed").contains("RUNNING", "SUCCEEDED");
        assertThat(percents)
                .as("progress the page showed, live")
                .hasSizeGreaterThanOrEqualTo(2)
                .contains(100);
        assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("finished");
        List<WebElement> transfers = browser.findElements(By.cssSelector("#transfers-rows tr"));
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).getDomAttribute("data-state")).isEqualTo("SUCCEEDED");
        assertThat(transfers.get(0).getText()).contains("a2:data:copies/reports", "match");
        assertThat(browser.findElements(By.cssSelector("#throughput-legend li[data-agent='a2']")))
                .as("the throughput chart plots the destination agent")
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#job-actions button")))
                .as("an auditor is offered no steering button")
                .isEmpty();
        Path finished = chromium.screenshot(screenshots().resolve("job-finished.png"));
        if (jobScreenshot == null) {
            jobScreenshot = finished;
        }
    }

    @Test
    @Order(4)
    void auditTableListsEveryFileAndTheStatusFilterNarrowsIt() {
        WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
        browser.findElement(By.id("open-audit")).click();
        By rows = By.cssSelector("#audit-rows tr.audit-file");
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, SMALL_FILES + 1));
        assertThat(browser.findElements(rows))
                .allSatisfy(
                        row -> assertThat(row.getDomAttribute("data-status")).isEqualTo("MATCH"));
        assertThat(browser.findElement(By.id("audit-rows")).getText()).contains("archive/year.bin", "daily/r000.csv");
        assertThat(browser.findElement(By.id("audit-transfers-rows")).getText()).contains("MATCH");
        chromium.screenshot(screenshots().resolve("audit.png"));

        for (String status : List.of("mismatch", "missing")) {
            new Select(browser.findElement(By.id("audit-status"))).selectByValue(status);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#audit-rows tr.empty"), "No " + status + " files."));
            assertThat(browser.findElements(rows))
                    .as("%s rows of a verified copy", status)
                    .isEmpty();
            assertThat(browser.getCurrentUrl()).endsWith("?status=" + status);
        }
        new Select(browser.findElement(By.id("audit-status"))).selectByValue("all");
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, SMALL_FILES + 1));
    }

    @Test
    @Order(5)
    void exportsDownloadWithTheTokenAndTheSha256sumListChecksOutAgainstTheCopy() throws Exception {
        browser.findElement(By.id("export-csv")).click();
        Path csv = awaitDownload("audit-" + jobId + ".csv");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(SMALL_FILES + 2);
        assertThat(lines.get(0)).contains("path").containsIgnoringCase("sha256");

        browser.findElement(By.cssSelector("button.export-sha256sum")).click();
        Path sums =
                await("a sha256sum download").atMost(UI_TIMEOUT).until(() -> sha256sumDownload(), path -> path != null);
        assertThat(Files.readAllLines(sums)).hasSize(SMALL_FILES + 1);
        Process check = new ProcessBuilder("sha256sum", "--check", "--strict", sums.toString())
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor())
                .as("sha256sum --check in %s:%n%s", copy, output)
                .isZero();
        assertThat(browser.findElement(By.id("export-status")).getText()).startsWith("downloaded ");
    }

    @Test
    @Order(6)
    void agentsPageShowsBothAgentsOnlineWithTheirVolumes() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
        browser.findElement(By.id("nav-agents")).click();
        for (String id : List.of("a1", "a2")) {
            By row = By.cssSelector("#agents-rows tr[data-agent='" + id + "']");
            // the list refreshes every few seconds: a row found a moment ago may have been replaced
            wait.ignoring(StaleElementReferenceException.class).until(page -> {
                WebElement agent = page.findElement(row);
                return "ONLINE".equals(agent.getDomAttribute("data-state"))
                        && agent.getText().contains("data: ");
            });
        }
        chromium.screenshot(screenshots().resolve("agents.png"));

        Path results =
                Files.createDirectories(Path.of(System.getProperty("meshlift.bench.results", "../bench/results")));
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        Path published = results.resolve("dashboard-" + stamp + ".png");
        Files.copy(jobScreenshot, published);
        System.out.println("DashboardIT: screenshot of the job view in "
                + published.toAbsolutePath().normalize());
    }

    @Test
    @Order(7)
    void theBrowserReportedNoContentSecurityPolicyViolationOrScriptError() {
        List<String> console = chromium.consoleMessages();
        String dashboard = coordinator.baseUri() + "/dashboard/";
        assertThat(console)
                .as("browser console")
                .noneMatch(message -> message.contains("Content Security Policy"))
                .noneMatch(message -> message.startsWith("SEVERE") && message.contains(dashboard));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(coordinator.baseUri() + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path awaitDownload(String name) {
        Path file = chromium.downloads().resolve(name);
        try {
            await("download of " + name)
                    .atMost(UI_TIMEOUT)
                    .until(() -> Files.isRegularFile(file) && Files.size(file) > 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "no " + name + " in " + chromium.downloads() + "; the page says: "
                            + browser.findElement(By.id("error")).getText() + " / "
                            + browser.findElement(By.id("export-status")).getText(),
                    e);
        }
        return file;
    }

    private static Path sha256sumDownload() throws IOException {
        try (var files = Files.list(chromium.downloads())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sha256"))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("meshlift.screenshots", "target/dashboard-screenshots"));
    }

    private static final String PLAN = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata:
              name: dashboard-it
            spec:
              defaults: { verify: full, chunkSize: 1MiB, bandwidthLimit: 4MiB/s, retries: 3 }
              datasets:
                - name: reports
                  source: { agent: a1, volume: data, path: reports }
                  destinations:
                    - { agent: a2, volume: data, path: copies/reports }
            """;
}
