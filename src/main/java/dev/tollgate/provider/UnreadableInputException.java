package dev.tollgate.provider;

/**
 * The upstream could not use an input the caller gave (an image to edit whose header was fine but whose pixels are
 * not): the caller's mistake, answered as a 400, not an upstream failure.
 */
public class UnreadableInputException extends UpstreamException {

    public UnreadableInputException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
