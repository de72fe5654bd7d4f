package dev.tollgate.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import dev.tollgate.portal.Notices;
import dev.tollgate.provider.channel.ChannelNotFoundException;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.provider.channel.ChannelView;
import dev.tollgate.provider.channel.InvalidChannelException;

/**
 * The built-in simulator's channel: what it does, and its switch, the one thing about it an administrator changes.
 * When the configuration sets the switch, the dialog only shows it.
 */
class SimulatorDialog extends Dialog {

    private final ChannelService channels;
    private final ChannelView simulator;
    private final Runnable onChange;
    private final Checkbox enabled = new Checkbox("Enabled");
    private final Paragraph error = new Paragraph();

    SimulatorDialog(ChannelService channels, ChannelView simulator, Runnable onChange) {
        this.channels = channels;
        this.simulator = simulator;
        this.onChange = onChange;
        setId("channel-dialog");
        setHeaderTitle("Channel " + simulator.name());
        setWidth("36rem");
        setMaxWidth("100%");
        Paragraph what = new Paragraph("Built into Tollgate: it answers every model that no other enabled channel "
                + "serves, with made-up text, tool calls, images and videos, charged at the model's prices. It never "
                + "answers in place of a channel that fails.");
        Paragraph off = new Paragraph("Switched off, a model no channel serves is unavailable: it leaves the model "
                + "lists and requests for it are answered 503.");
        enabled.setId("channel-enabled");
        enabled.setValue(simulator.enabled());
        error.addClassName("form-error");
        error.setId("channel-error");
        error.setVisible(false);
        add(what, off, enabled, error);
        Button cancel = new Button("Cancel", e -> close());
        if (simulator.fromConfig()) {
            enabled.setReadOnly(true);
            add(new Paragraph("Switched by the configuration (TOLLGATE_SIMULATOR_ENABLED): change it there and "
                    + "restart, or unset it to switch the simulator here."));
            cancel.setText("Close");
            getFooter().add(cancel);
            return;
        }
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("channel-save");
        getFooter().add(cancel, save);
    }

    private void save() {
        try {
            channels.setEnabled(simulator.id(), enabled.getValue());
            Notices.done("The simulator is " + (enabled.getValue() ? "on" : "off"));
            onChange.run();
            close();
        } catch (InvalidChannelException | ChannelNotFoundException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }
}
