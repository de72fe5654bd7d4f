package dev.tollgate.portal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** One labelled value in a detail dialog: the label on the left, the value right-aligned. */
public final class Fact extends Div {

    public Fact(String label, String value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        Span text = new Span(value);
        text.addClassName("fact-value");
        add(name, text);
        addClassName("fact");
    }
}
