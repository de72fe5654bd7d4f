package dev.tollgate.calls;

/** The caller went away while the reply was being delivered. */
public class ClientDisconnectedException extends RuntimeException {

    public ClientDisconnectedException(Throwable cause) {
        super("The client disconnected", cause);
    }

    public ClientDisconnectedException() {
        super("The client disconnected");
    }
}
