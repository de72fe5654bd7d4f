package dev.tollgate.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** The secret a team's webhook events are signed with: 256 random bits. Its value is never logged. */
record SigningSecret(String value) {

    static final String PREFIX = "whsec_";
    private static final int RANDOM_BYTES = 32;

    SigningSecret {
        Objects.requireNonNull(value);
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("A signing secret starts with " + PREFIX);
        }
    }

    static SigningSecret generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new SigningSecret(
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Enough to recognise the secret, not to use it. */
    String masked() {
        return PREFIX + "…" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "SigningSecret[" + masked() + "]";
    }
}
