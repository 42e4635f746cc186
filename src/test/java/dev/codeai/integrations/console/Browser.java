package dev.codeai.integrations.console;

import dev.codeai.integrations.integration.Gateway;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (both paths explicit, so Selenium Manager downloads
 * nothing), on a fresh profile, pointed at the IT server's console. Waits are bounded polls, never sleeps.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONSOLE = Gateway.BASE_URL + "/console/";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots", "target/console-screenshots"));
    /** Chrome logs every 4xx/5xx answer itself; the tests cause some on purpose, and assert on them in the page. */
    private static final String NETWORK_STATUS = "Failed to load resource: the server responded with a status of";

    private final Path profile;
    private final ChromeDriver driver;

    Browser() throws IOException {
        profile = Files.createTempDirectory("console-it-chromium");
        String chromedriver = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
        System.setProperty("webdriver.chrome.driver", chromedriver);
        ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1366,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    /** The console at {@code hash} (e.g. {@code #/webhooks}), signed out. */
    void openSignedOut(String hash) {
        driver.get(CONSOLE);
        driver.executeScript("sessionStorage.clear()");
        driver.get(CONSOLE + hash);
        driver.navigate().refresh();
        visible("[data-test=sign-in]");
    }

    /** Signs in by pasting {@code token}, then goes to {@code hash}. */
    void signIn(String token, String hash) {
        openSignedOut("");
        find("[data-test=token]").sendKeys(token);
        click("[data-test=sign-in]");
        visible("[data-test=who]");
        go(hash);
    }

    void go(String hash) {
        driver.get(CONSOLE + hash);
        visible("[data-test=who]");
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement visible(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until {@code css} shows {@code text}; returns its whole text. */
    String waitForText(String css, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return find(css).getText();
    }

    void click(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Accepts the page's next {@code confirm()} without a dialog. */
    void acceptConfirms() {
        driver.executeScript("window.confirm = () => true");
    }

    /** A request from the page with another token: {@code [status, body]}. */
    @SuppressWarnings("unchecked")
    List<Object> fetch(String method, String path, String token) {
        return (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[1], {method: arguments[0], headers: {Authorization: 'Bearer ' + arguments[2]}})"
                + ".then(async r => done([r.status, await r.text()])).catch(e => done([0, String(e)]));", method, path, token);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A PNG of the whole page (up to 4,000 pixels high), under {@code target/console-screenshots}. */
    Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long page = (Long) driver.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, Math.max(page, window.getHeight()))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** The browser's console errors and warnings since the last call: script errors, CSP refusals and the like. */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).filter(m -> !m.contains(NETWORK_STATUS)).toList();
    }


    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
