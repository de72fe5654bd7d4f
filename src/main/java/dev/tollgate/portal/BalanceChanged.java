package dev.tollgate.portal;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.UI;

/** Fired on the UI when a view changed a team's balance, so the header shows the new figure at once. */
public class BalanceChanged extends ComponentEvent<UI> {

    public BalanceChanged(UI ui) {
        super(ui, false);
    }

    public static void fire() {
        UI ui = UI.getCurrent();
        if (ui != null) {
            com.vaadin.flow.component.ComponentUtil.fireEvent(ui, new BalanceChanged(ui));
        }
    }
}
