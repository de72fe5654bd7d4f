package dev.tollgate.portal;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a refusal from a service on the dialog field it is about, as the field's own error, instead of a banner below
 * the form: the services name the field in their messages ("A budget is…", "Models: …"), so each dialog lists which
 * words lead to which field, first match wins, and a message naming none lands on the fallback. A field's error goes
 * once its value changes.
 */
public final class FieldErrors {

    private record Route(HasValidation field, List<String> words) {}

    private final HasValidation fallback;
    private final List<Route> routes = new ArrayList<>();
    private final List<HasValidation> fields = new ArrayList<>();

    public FieldErrors(HasValidation fallback) {
        this.fallback = fallback;
        watch(fallback);
    }

    /** Messages containing any of the words (case-insensitive) are shown on the field. */
    public FieldErrors on(HasValidation field, String... words) {
        routes.add(new Route(
                field,
                List.of(words).stream()
                        .map(word -> word.toLowerCase(Locale.ROOT))
                        .toList()));
        watch(field);
        return this;
    }

    /** Shows the message on its field, and clears the errors shown before. */
    public void show(String message) {
        clear();
        HasValidation field = fieldFor(message);
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    public void clear() {
        fields.forEach(field -> field.setInvalid(false));
    }

    private HasValidation fieldFor(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return routes.stream()
                .filter(route -> route.words().stream().anyMatch(text::contains))
                .map(Route::field)
                .findFirst()
                .orElse(fallback);
    }

    private void watch(HasValidation field) {
        if (fields.contains(field)) {
            return;
        }
        fields.add(field);
        if (field instanceof HasValue<?, ?> value) {
            value.addValueChangeListener(e -> field.setInvalid(false));
        }
    }
}
