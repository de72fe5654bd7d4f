package dev.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.util.regex.Pattern;

/**
 * Layout assertions measured in the browser: what a user must reach lies inside the viewport, the page does not
 * scroll sideways, amounts follow the money rule. Text checks alone pass while a button sits off-screen.
 */
public final class Layout {

    /** A name of 200 characters, the longest a team or key name may be, for views to be tried with. */
    public static final String LONGEST_NAME = ("Longest-name " + "x".repeat(200)).substring(0, 200);

    /** {@code Cr$ 1,234.56} or {@code -Cr$ 0.0042}: the currency first, thousands grouped, at least two decimals. */
    public static final Pattern MONEY = Pattern.compile("-?Cr\\$ \\d{1,3}(,\\d{3})*\\.\\d{2,}");

    private Layout() {}

    /** Resizes the page to the screen; the next layout is measured at its width. */
    public static void use(Page page, Screen screen) {
        page.setViewportSize(screen.width(), screen.height());
    }

    /**
     * The element is laid out horizontally inside the viewport (a user can see and reach it without scrolling
     * sideways). Vertical position is not checked: scrolling down is normal.
     */
    public static void assertInsideViewport(Page page, Locator element, String what) {
        element.scrollIntoViewIfNeeded();
        BoundingBox box = element.boundingBox();
        assertThat(box).as("%s is rendered", what).isNotNull();
        int width = page.viewportSize().width;
        assertThat(box.x)
                .as("%s starts inside the %d px viewport (x = %.0f)", what, width, box.x)
                .isGreaterThanOrEqualTo(-0.5);
        assertThat(box.x + box.width)
                .as("%s ends inside the %d px viewport (x = %.0f, width = %.0f)", what, width, box.x, box.width)
                .isLessThanOrEqualTo(width + 0.5);
    }

    /** The document is no wider than the viewport, so nothing hides off to the right. */
    public static void assertNoSidewaysScroll(Page page) {
        Number scrollWidth = (Number) page.evaluate("() => document.documentElement.scrollWidth");
        int width = page.viewportSize().width;
        assertThat(scrollWidth.intValue())
                .as("the page is no wider than the %d px viewport", width)
                .isLessThanOrEqualTo(width);
    }

    /**
     * Neither the document nor the portal's content area (the app layout's own scrolling box) is wider than what shows:
     * a view too wide for a phone scrolls sideways inside the layout while the document keeps the viewport's width.
     * Check it before {@link #assertInsideViewport}, which scrolls elements into view, sideways too.
     */
    public static void assertContentFits(Page page) {
        Number overflow = (Number) page.evaluate("""
                () => {
                    const layout = document.querySelector('vaadin-app-layout');
                    const content = layout && layout.shadowRoot && layout.shadowRoot.querySelector('[content]');
                    return Math.max(...[document.documentElement, content].filter(Boolean)
                        .map(box => box.scrollWidth - box.clientWidth));
                }""");
        assertThat(overflow.intValue())
                .as("the view is no wider than the %d px viewport (%s px more)", page.viewportSize().width, overflow)
                .isLessThanOrEqualTo(1);
    }

    /**
     * A Vaadin grid shows every column without scrolling sideways inside itself (the viewport check alone passes while
     * a grid hides columns behind its own scrollbar). A resize reaches the server a moment later, which may hide
     * columns a phone has no room for, so this waits for that.
     */
    public static void assertGridFits(Locator grid, String what) throws InterruptedException {
        Number overflow = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            overflow = (Number) grid.evaluate(
                    "g => { const t = g.shadowRoot.querySelector('#table'); return t.scrollWidth - t.clientWidth; }");
            if (overflow.intValue() <= 1) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(overflow.intValue())
                .as("%s shows every column without scrolling sideways (%s px more)", what, overflow)
                .isLessThanOrEqualTo(1);
    }

    /** The element's text is one amount written by the money rule. */
    public static void assertMoney(Locator element, String what) {
        String text = element.innerText().strip();
        assertThat(text)
                .as("%s is written Cr$ first, grouped, with decimals", what)
                .matches(MONEY);
    }
}
