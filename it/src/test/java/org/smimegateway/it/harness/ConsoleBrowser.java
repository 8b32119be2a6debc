package org.smimegateway.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium (Debian {@code chromium}) driven through {@code /usr/bin/chromedriver} on the gateway's web
 * console at {@code http://127.0.0.1:<WebAdmin port>/smime-gateway-console}, with the few waits and gestures the
 * browser tests share. Nothing is downloaded: Selenium is given both executables.
 */
public final class ConsoleBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Selenium looks for a DevTools (CDP) binding matching the browser's version and warns when it has none; these
     * tests use WebDriver only, never CDP. Held here so the logger keeps its level.
     */
    private static final Logger CDP_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final int webAdminPort;

    private ConsoleBrowser(ChromeDriver driver, int webAdminPort) {
        this.driver = driver;
        this.webAdminPort = webAdminPort;
    }

    /** Skips without Chromium and its driver; under CI=true (.ci/run installs both) fails instead. */
    public static void require() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = CHROMIUM + " or " + CHROMEDRIVER + " is missing; install the Debian packages 'chromium' and "
            + "'chromium-driver' to run the console's browser tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: .ci/run installs them)");
        }
        Assumptions.assumeTrue(false, message);
    }

    /** A fresh browser profile in {@code workDirectory}; chromedriver's log beside it. */
    public static ConsoleBrowser start(Path workDirectory, int webAdminPort) throws Exception {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--user-data-dir=" + Files.createDirectories(workDirectory.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
            .withLogFile(workDirectory.resolve("chromedriver.log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return new ConsoleBrowser(driver, webAdminPort);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String url() {
        return "http://127.0.0.1:" + webAdminPort + "/smime-gateway-console";
    }

    /** A fresh load of the console on a view (a new hash alone would keep the page and its form contents). */
    public WebDriver open(String view) {
        driver.get("about:blank");
        driver.get(url() + "#" + view);
        return driver;
    }

    /** Picks an option of a select element as a user does, by clicking it. */
    public void choose(String selectId, String value) {
        driver.findElement(By.cssSelector("#" + selectId + " option[value='" + value + "']")).click();
        assertThat(driver.findElement(By.id(selectId)).getDomProperty("value")).isEqualTo(value);
    }

    /** Waits for the page's confirmation dialog (some open after a call returns), accepts it, answers its text. */
    public String confirm() {
        Alert alert = await(() -> driver.switchTo().alert());
        String text = alert.getText();
        alert.accept();
        return text;
    }

    /** An element's visible text with every run of white space as one blank. */
    public static String flat(WebElement element) {
        return element.getText().replaceAll("\\s+", " ");
    }

    public static WebElement displayed(WebElement element) {
        if (!element.isDisplayed()) {
            throw new IllegalStateException("not displayed yet");
        }
        return element;
    }

    /** Waits for the page: the value once it is there (non-null, not false). */
    public static <T> T await(Callable<T> condition) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
            .until(condition, value -> value != null && !Boolean.FALSE.equals(value));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
