package dev.tollgate.apikey;

import java.util.Objects;

/** How a key is named to people: its name and its masked form, never the secret. */
public record KeyLabel(String name, String maskedKey) {

    public KeyLabel {
        Objects.requireNonNull(name);
        Objects.requireNonNull(maskedKey);
    }
}
