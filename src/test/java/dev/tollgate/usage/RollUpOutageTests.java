package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tollgate.support.CapturedLog;
import dev.tollgate.support.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

class RollUpOutageTests {

    @Test
    void aDatabaseOutOfReachIsLoggedOnceWithItsStackNotOnEveryRun() throws IOException {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {closedPort()});
        unreachable.setConnectTimeout(2);
        MutableClock clock = new MutableClock();
        UsageRollups rollups =
                new UsageRollups(new JdbcTemplate(unreachable), new JdbcTransactionManager(unreachable), clock);
        List<ILoggingEvent> logged;
        try (CapturedLog log = CapturedLog.of(UsageRollups.class)) {
            for (int run = 0; run < 30; run++) {
                rollups.rollUpWaiting();
                clock.advance(Duration.ofSeconds(1));
            }
            logged = log.events();
        }

        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).startsWith("Rolling up usage failed");
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }

    /** A port nothing listens on: connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
