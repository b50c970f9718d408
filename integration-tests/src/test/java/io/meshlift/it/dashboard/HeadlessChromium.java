package io.meshlift.it.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven by Debian's chromedriver, both named explicitly so that Selenium Manager never
 * looks for (or downloads) a browser or driver: the machine has no internet. Headless, a fixed window
 * size, a fresh profile and a download directory of its own under the test's workspace; the browser's
 * console is kept for the test to read (Content-Security-Policy violations show up there).
 *
 * <p>Lifecycle: {@link #start} launches chromedriver and the browser; {@link #close} quits both.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String BROWSER_PROPERTY = "meshlift.chromium";
    static final String DRIVER_PROPERTY = "meshlift.chromedriver";

    private final ChromeDriver driver;
    private final Path downloads;

    private HeadlessChromium(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    static HeadlessChromium start(Path workDir) {
        Path browser = Path.of(System.getProperty(BROWSER_PROPERTY, "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
        for (Path binary : new Path[] {browser, chromedriver}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is not installed: the dashboard test needs Debian's"
                        + " chromium and chromium-driver packages (apt-get install chromium chromium-driver)");
            }
        }
        try {
            Path downloads = Files.createDirectories(workDir.resolve("downloads"));
            Path profile = Files.createDirectories(workDir.resolve("profile"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser.toFile());
            options.addArguments(
                    "--headless=new",
                    "--window-size=1400,1000",
                    "--user-data-dir=" + profile,
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync");
            if ("root".equals(System.getProperty("user.name"))) {
                // Chromium's own process sandbox cannot run as root (CI containers); TLS checks are untouched.
                options.addArguments("--no-sandbox");
            }
            options.setExperimentalOption(
                    "prefs",
                    Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withLogFile(workDir.resolve("chromedriver.log").toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.executeCdpCommand(
                    "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return new HeadlessChromium(driver, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the browser's directories under " + workDir, e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    /** Saves a PNG of the window; returns where. */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            File png = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(png.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a screenshot to " + file, e);
        }
    }

    /** The browser console's messages since the last call. */
    java.util.List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
