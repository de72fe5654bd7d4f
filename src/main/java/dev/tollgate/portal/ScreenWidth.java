package dev.tollgate.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.page.Page;
import java.util.function.Consumer;

/**
 * Whether a view is shown on a narrow screen (a phone held upright), for grids that drop their less important columns
 * there instead of scrolling the key ones out of sight. Tells the view on attach and again whenever the browser window
 * crosses the width.
 */
public final class ScreenWidth {

    /** Narrower than this, a view is laid out for a phone. */
    public static final int NARROW_BELOW = 700;

    private ScreenWidth() {}

    /** Calls {@code narrow} with true or false while the component is attached, each time the answer may change. */
    public static void follow(Component component, Consumer<Boolean> narrow) {
        component.addAttachListener(attach -> {
            Page page = attach.getUI().getPage();
            page.retrieveExtendedClientDetails(details -> narrow.accept(details.getWindowInnerWidth() < NARROW_BELOW));
            var resizes =
                    page.addBrowserWindowResizeListener(resize -> narrow.accept(resize.getWidth() < NARROW_BELOW));
            component.addDetachListener(detach -> {
                resizes.remove();
                detach.unregisterListener();
            });
        });
    }
}
