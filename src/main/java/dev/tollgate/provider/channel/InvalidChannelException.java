package dev.tollgate.provider.channel;

import org.springframework.modulith.NamedInterface;

/** A channel draft that cannot be stored; the message says what to fix, in words an administrator reads. */
@NamedInterface("channel")
public class InvalidChannelException extends RuntimeException {

    public InvalidChannelException(String message) {
        super(message);
    }
}
