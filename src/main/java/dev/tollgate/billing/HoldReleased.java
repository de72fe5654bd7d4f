package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A hold was settled without its request doing so (the request's instance died mid-call), releasing the credit. Key
 * budgets listen, to free what that request had reserved.
 */
public record HoldReleased(
        UUID holdId, String requestId, @Nullable UUID apiKeyId, Credits amount) {}
