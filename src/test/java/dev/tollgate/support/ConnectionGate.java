package dev.tollgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of a server, which a test can shut: every connection through it drops
 * and new ones are closed as soon as they are accepted, until the test opens it again. It keeps one client away from a
 * server while others still reach it, for as long as the test needs, whatever the client's reconnect timing.
 */
public final class ConnectionGate implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private ConnectionGate(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** Opens a gate to the server on loopback port {@code targetPort}. */
    public static ConnectionGate to(int targetPort) {
        try {
            ConnectionGate gate =
                    new ConnectionGate(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            Thread.ofVirtual().name("gate-accept").start(gate::accept);
            return gate;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gate's address as a Redis URL. */
    public String url() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** Drops every connection through the gate and refuses new ones. */
    public void shut() {
        open = false;
        live.forEach(ConnectionGate::closeQuietly);
        live.clear();
    }

    /** Lets connections through again. */
    public void open() {
        open = true;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        shut();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!open) {
                    closeQuietly(client);
                    continue;
                }
                forward(client);
            } catch (IOException closed) {
                // the listener closed
            }
        }
    }

    private void forward(Socket client) {
        try {
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            live.add(client);
            live.add(server);
            Thread.ofVirtual().start(() -> pump(client, server));
            Thread.ofVirtual().start(() -> pump(server, client));
        } catch (IOException refused) {
            // the server is not there: the client sees its connection dropped, as it would without the gate
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException dropped) {
            // either side went away; the finally below closes the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            live.remove(from);
            live.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that was asked
        }
    }
}
