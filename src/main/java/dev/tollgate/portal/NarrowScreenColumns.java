package dev.tollgate.portal;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * Grid columns a phone has no room for: hidden while the window is narrower than {@value #NARROWEST_FULL_GRID} px and
 * shown again when it widens. A grid's columns cannot be hidden from a style sheet, and squeezing every column into
 * 390 px pushes a row's name and actions out of view.
 */
public final class NarrowScreenColumns {

    /** Below this window width only the columns that identify a row and act on it stay. */
    public static final int NARROWEST_FULL_GRID = 720;

    private NarrowScreenColumns() {}

    public static void hide(Grid<?> grid, Grid.Column<?>... columns) {
        List<Grid.Column<?>> hidden = List.of(columns);
        grid.addAttachListener(attach -> {
            Page page = attach.getUI().getPage();
            int width = page.getExtendedClientDetails().getWindowInnerWidth();
            if (width > 0) {
                show(hidden, width);
            } else {
                page.getExtendedClientDetails().refresh(details -> show(hidden, details.getWindowInnerWidth()));
            }
            Registration resizes = page.addBrowserWindowResizeListener(resize -> show(hidden, resize.getWidth()));
            grid.addDetachListener(detach -> {
                resizes.remove();
                detach.unregisterListener();
            });
        });
    }

    private static void show(List<Grid.Column<?>> columns, int windowWidth) {
        boolean wide = windowWidth <= 0 || windowWidth >= NARROWEST_FULL_GRID;
        columns.forEach(column -> column.setVisible(wide));
    }
}
