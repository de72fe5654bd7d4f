package dev.tollgate.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Chromium per test class ({@code @RegisterExtension static}); each {@link #open} gives a fresh browser context,
 * so sessions never leak between tests. A test fails when a page it opened broke the portal's Content Security Policy
 * (the browser reports each blocked script, style, image, connection or eval).
 */
public final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    /** Reports violations on the console too: an eval the policy blocks otherwise only throws inside the page. */
    private static final String REPORT_VIOLATIONS = """
            document.addEventListener('securitypolicyviolation', (e) => console.error(
                `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
                + ` at ${e.sourceFile}:${e.lineNumber}`));
            """;

    private final List<String> policyViolations = new CopyOnWriteArrayList<>();
    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Playwright.create();
        browser = BrowserSupport.launch(playwright);
        // renders and pushes from a loaded machine can take longer than the 5 s assertions wait by default
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> seen = new ArrayList<>(policyViolations);
        policyViolations.clear();
        if (!seen.isEmpty()) {
            throw new AssertionError("The portal broke its Content Security Policy:\n" + String.join("\n", seen));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        browser.close();
        playwright.close();
    }

    /** A new page in a new context against the app on {@code port}; close its context when done. */
    public Page open(int port) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1400, 900));
        context.addInitScript(REPORT_VIOLATIONS);
        context.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                policyViolations.add(message.text());
            }
        });
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);
        return page;
    }

    /** Fills and submits the sign-in form; does not wait for the result. */
    public static void submitSignIn(Page page, String email, String password) {
        page.navigate("/login");
        page.locator("input[name='username']").fill(email);
        page.locator("input[name='password']").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
    }
}
