package dev.tollgate.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** A view's title, one line saying what it is for, and its main actions on the right. */
public class ViewHeader extends HorizontalLayout {

    public ViewHeader(String title, String description, Component... actions) {
        H2 heading = new H2(title);
        heading.addClassName("view-title");
        heading.setTitle(title);
        Paragraph text = new Paragraph(description);
        text.addClassName("view-description");
        Div titles = new Div(heading, text);
        HorizontalLayout actionBar = new HorizontalLayout(actions);
        actionBar.setSpacing(true);
        add(titles, actionBar);
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.END);
        setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        addClassName("view-header");
    }
}
