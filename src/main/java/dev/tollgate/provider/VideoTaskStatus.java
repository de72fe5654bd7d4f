package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an upstream video task stands.
 *
 * @param progress 0–100
 * @param error why it failed, when it did
 */
public record VideoTaskStatus(
        State state, int progress, @Nullable String error) {

    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public VideoTaskStatus {
        Objects.requireNonNull(state);
        progress = Math.clamp(progress, 0, 100);
    }
}
