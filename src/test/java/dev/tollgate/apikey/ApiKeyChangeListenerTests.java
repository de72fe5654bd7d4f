package dev.tollgate.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The listener with no database to reach: the start goes on, the listener keeps trying, and it stops when told. */
class ApiKeyChangeListenerTests {

    @Test
    void anUnreachableDatabaseNeitherHoldsUpTheStartNorTheStop() throws IOException, InterruptedException {
        try (HikariDataSource nowhere = new HikariDataSource()) {
            nowhere.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort() + "/tollgate");
            nowhere.setUsername("tollgate");
            ApiKeyChangeListener listener =
                    new ApiKeyChangeListener(nowhere, new ApiKeyStore(JdbcClient.create(nowhere)));

            long started = System.nanoTime();
            listener.start();
            Duration starting = Duration.ofNanos(System.nanoTime() - started);
            Thread.sleep(300);
            boolean runningMeanwhile = listener.isRunning();
            long stopping = System.nanoTime();
            listener.stop();
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

            assertThat(starting).as("start returns at once").isLessThan(Duration.ofMillis(200));
            assertThat(runningMeanwhile).as("still trying").isTrue();
            assertThat(listener.connections()).as("never connected").isZero();
            assertThat(stopped).as("stop does not wait for the database").isLessThan(Duration.ofSeconds(2));
            assertThat(listener.isRunning()).isFalse();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
