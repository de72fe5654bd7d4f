package dev.tollgate.portal;

import com.vaadin.flow.component.html.Span;
import dev.tollgate.money.Credits;

/** A balance or total written to the cent, the exact amount in its tooltip (the money rule of {@link DisplayFormats}). */
public class MoneyLabel extends Span {

    public MoneyLabel(Credits amount) {
        show(amount);
    }

    public final void show(Credits amount) {
        setText(DisplayFormats.money(amount));
        setTitle(DisplayFormats.exactMoney(amount));
    }
}
