package dev.tollgate.fetch;

/**
 * The gateway would not fetch the URL: a scheme other than http(s), credentials in it, an address inside the
 * gateway's network, too many redirects or too much content. Asking again will not help.
 */
public final class FetchRefusedException extends FetchException {

    public FetchRefusedException(String message) {
        super(message);
    }
}
