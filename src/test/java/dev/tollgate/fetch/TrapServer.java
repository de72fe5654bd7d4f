package dev.tollgate.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback port that counts every connection that reaches it and hangs each up at once. */
final class TrapServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    TrapServer(InetAddress address) throws IOException {
        this.socket = new ServerSocket(0, 50, address);
        Thread.ofPlatform().daemon().name("trap-" + port()).start(this::acceptAll);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                // counted before the hang-up, so a client that noticed anything finds the count already raised
                connections.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
