package fi.aspa.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOnlyOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium + chromedriver) for user journeys, with an axe-core
 * WCAG 2.1 A/AA scan to run at every step. One per test class: {@code try (Browser b = Browser.start(port))}.
 */
public final class Browser implements AutoCloseable {
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    public static Browser start(int port) {
        try {
            Path profile = Files.createTempDirectory("aspa-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("aspa.chromium", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("aspa.chromedriver", "/usr/bin/chromedriver")).toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, "http://localhost:" + port);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path on the application, e.g. {@code open("/contact?lang=sv")}. */
    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Browser click(String css) {
        find(css).click();
        return this;
    }

    /** Clicks something that loads a new page, and waits until the old page is gone. */
    public Browser clickAndWaitForNewPage(String css) {
        return clickAndWaitForNewPage(find(css));
    }

    /** Clicks the element, which loads a new page, and waits until the old page is gone. */
    public Browser clickAndWaitForNewPage(WebElement element) {
        // A mark on the old window object: gone once the new document has replaced it. (Asking an element of the old
        // page whether it is stale races with the navigation: Chromium may answer "node does not belong to the
        // document" instead of "stale".)
        driver.executeScript("window.__aspaOldPage = true");
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return !window.__aspaOldPage && document.readyState === 'complete'")));
        return this;
    }

    /**
     * Logs in on the login page ({@code lang} null: the browser's language) and waits for the page the login leads
     * to (waiting for an element the login page has too would let the next navigation cancel the login).
     */
    public Browser logIn(String lang, String username, String password) {
        open(lang == null ? "/login" : "/login?lang=" + lang);
        type("#username", username).type("#password", password);
        return clickAndWaitForNewPage("form.form button[type=submit]");
    }

    public String title() {
        return driver.getTitle();
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public String lang() {
        return find("html").getAttribute("lang");
    }

    public void waitFor(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    /**
     * Waits until an element matching {@code css} contains {@code text}; an element that htmx or a script replaces
     * while it is read is looked up again.
     */
    public void waitForText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Fails with every WCAG 2.1 A/AA violation on the current page, and on any untranslated message key. */
    public Browser assertAccessible(String step) {
        Results results = axe().analyze(driver);
        List<Rule> violations = results.getViolations();
        String report = violations.stream()
                .map(v -> v.getId() + ": " + v.getHelp() + " -> " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(violations).as("axe WCAG 2.1 A/AA violations at '" + step + "' (" + driver.getCurrentUrl() + "):\n" + report).isEmpty();
        assertThat(driver.getPageSource()).as("untranslated message keys at '" + step + "'").doesNotContain("??");
        return this;
    }

    /**
     * WCAG 2.1 A/AA rules, run the way axe ran before its frame-isolation mode: in the page itself, without opening a
     * blank window for the final step, and without descending into frames (Aspa's pages have none). Only violations
     * carry their nodes back (passes and "incomplete" are not read). A scan takes about half the time this way: there
     * are some 500 scans in the suite.
     */
    private static AxeBuilder axe() {
        AxeRunOnlyOptions only = new AxeRunOnlyOptions();
        only.setType("tag");
        only.setValues(WCAG_TAGS);
        AxeRunOptions options = new AxeRunOptions();
        options.setRunOnly(only);
        options.setResultTypes(List.of("violations"));
        return new AxeBuilder().withOptions(options).disableIframeTesting().setLegacyMode();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
