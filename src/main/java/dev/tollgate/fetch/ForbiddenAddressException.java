package dev.tollgate.fetch;

/**
 * Thrown from inside the HTTP client when a host resolves to a forbidden address; unchecked so that it passes through
 * the client unchanged, and turned into a {@link FetchRefusedException} by the fetcher.
 */
final class ForbiddenAddressException extends RuntimeException {

    private final ForbiddenRange range;

    ForbiddenAddressException(ForbiddenRange range) {
        super("Forbidden address: " + range.description(), null, false, false);
        this.range = range;
    }

    ForbiddenRange range() {
        return range;
    }
}
