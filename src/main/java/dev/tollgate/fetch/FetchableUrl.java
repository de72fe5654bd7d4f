package dev.tollgate.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A URL the fetcher may request: absolute http(s) with a host and without credentials. Where it resolves to is checked
 * later, when the connection is opened.
 *
 * @param redirected whether it came from a redirect, which changes how a refusal is worded
 */
record FetchableUrl(URI uri, boolean redirected) {

    FetchableUrl {
        Objects.requireNonNull(uri);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefusedException(subject(redirected) + " must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchRefusedException(subject(redirected) + " must not carry credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchRefusedException(subject(redirected) + " has no valid host");
        }
    }

    static FetchableUrl given(URI uri) {
        return new FetchableUrl(uri, false);
    }

    /** Where a {@code Location} header leads from here; a relative one is resolved against this URL. */
    FetchableUrl redirectTo(URI location) {
        // URI.resolve drops the slash between a path-less base and a relative reference
        URI base = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
        return new FetchableUrl(base.resolve(location), true);
    }

    /** How a message begins when it names this URL: the caller's own, or where it redirected to. */
    String subject() {
        return subject(redirected);
    }

    /** How a message names this URL after its first word. */
    String object() {
        return redirected ? "the redirect target" : "the URL";
    }

    private static String subject(boolean redirected) {
        return redirected ? "The redirect target" : "The URL";
    }
}
