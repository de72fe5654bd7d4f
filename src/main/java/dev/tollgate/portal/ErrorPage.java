package dev.tollgate.portal;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * A page that could not be shown, inside the portal's frame: what went wrong in a sentence and a link back to the
 * overview, so a mistyped or forbidden URL leaves the visitor in the portal rather than on a bare error.
 */
abstract class ErrorPage extends VerticalLayout {

    ErrorPage(String title, String explanation) {
        Anchor back = new Anchor("", "Back to the overview");
        back.setId("error-back");
        back.addComponentAsFirst(VaadinIcon.ARROW_LEFT.create());
        back.addClassName("error-back");
        add(new ViewHeader(title, explanation), back);
        setId("error-page");
        addClassName("error-page");
    }
}
