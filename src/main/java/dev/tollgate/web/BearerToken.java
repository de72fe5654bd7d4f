package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * A configured secret that callers present as {@code Authorization: Bearer <secret>}. The scheme matches in any case,
 * and the presented value and the configured secret are stripped (a secret pasted with a trailing newline still
 * works); the secret itself is compared in constant time, so how long a refusal takes says nothing about how much of
 * a guess was right.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] secret;

    public BearerToken(String secret) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("a bearer token is not blank");
        }
        this.secret = secret.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request's Authorization header presents this secret. */
    public boolean matches(HttpServletRequest request) {
        try {
            return matches(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (RequestRejectedException unreadable) {
            // the firewall refuses a byte no header may carry and quotes the whole value: a malformed secret is
            // only an incorrect one
            return false;
        }
    }

    /** Whether an Authorization header's value presents this secret. */
    public boolean matches(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, secret);
    }

    /** Never the secret, so a logged filter or property leaks nothing. */
    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
