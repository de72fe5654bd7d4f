package dev.tollgate.provider;

/**
 * No enabled channel serves the model, and the simulator's channel is off: the service is unavailable, not broken.
 */
public class NoUpstreamChannelException extends UpstreamException {

    public NoUpstreamChannelException(String model) {
        super("No upstream channel serves the model '" + model + "'. Ask an administrator to configure one.", false);
    }
}
