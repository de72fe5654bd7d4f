package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What holding and settling costs under parallel load, in CPU per call of this JVM and of the PostgreSQL server: 64
 * threads reserve and settle for one team and one key, as chat calls do, for a warm-up and then a measured run, once
 * for a key with a budget (settled in a transaction that records its alerts) and once for a key without (settled in
 * one round trip). CPU per call, not wall time, is what to compare on a shared machine. A second test settles calls
 * one after another from one virtual thread and prints a lone call's settle in wall time, what one connection waits
 * for. Run on its own with {@code -Dtest=HoldCostMeasurement -Dtollgate.measure=true}; it prints its figures.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "tollgate.measure", matches = "true")
class HoldCostMeasurement {

    private static final int THREADS = 64;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    @LocalServerPort
    int port;

    @Autowired
    Settlements settlements;

    @Autowired
    CreditHolds holds;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reservingAndSettlingUnderParallelLoad() throws Exception {
        underParallelLoad("with a key budget", "1000000");
        underParallelLoad("with no key budget", null);
    }

    private void underParallelLoad(String which, @Nullable String keyBudget) throws Exception {
        HeldCalls calls = new HeldCalls(port, holds, actors);
        HeldCalls.Funded funded = calls.fund("Measured " + which, "1000000", keyBudget);
        long postmaster = parentOf(
                jdbc.sql("select pg_backend_pid()").query(Integer.class).single());

        run(calls, funded, WARM_UP);
        long jvmBefore = cpuTicks(Path.of("/proc/self/stat"), false);
        long databaseBefore = databaseTicks(postmaster);
        long completed = run(calls, funded, MEASURED);
        long jvm = cpuTicks(Path.of("/proc/self/stat"), false) - jvmBefore;
        long database = databaseTicks(postmaster) - databaseBefore;

        System.out.printf(
                "%nHold cost %s: %d calls in %d s (%.0f/s); JVM %.0f µs per call, PostgreSQL %.0f µs per call%n%n",
                which,
                completed,
                MEASURED.toSeconds(),
                completed / (double) MEASURED.toSeconds(),
                microsPerCall(jvm, completed),
                microsPerCall(database, completed));
        assertThat(completed).as("calls completed").isPositive();
        new Books(jdbc).assertBooksBalance(funded.team());
    }

    /** A lone caller's settle, on a virtual thread as a request's: its wall time, what one connection waits for. */
    @Test
    void aLoneCallsSettle() throws Exception {
        aLoneCallsSettle("with a key budget", "1000000");
        aLoneCallsSettle("with no key budget", null);
    }

    private void aLoneCallsSettle(String which, @Nullable String keyBudget) throws Exception {
        HeldCalls calls = new HeldCalls(port, holds, actors);
        HeldCalls.Funded funded = calls.fund("Measured alone " + which, "1000000", keyBudget);
        int warmUp = 1_000;
        int measured = 3_000;
        long[] nanos = new long[measured];
        Thread caller = Thread.ofVirtual().start(() -> {
            for (int i = -warmUp; i < measured; i++) {
                Hold hold = calls.reserve(funded, "0.001");
                Settlements.Settlement settlement = calls.settlement(funded, hold, Credits.of("0.0005"));
                long started = System.nanoTime();
                settlements.settle(settlement);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - started;
                }
            }
        });
        caller.join();
        Arrays.sort(nanos);
        System.out.printf(
                "%nA lone call's settle %s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms over %d calls%n%n",
                which,
                nanos[measured / 2] / 1e6,
                nanos[measured * 9 / 10] / 1e6,
                nanos[measured * 99 / 100] / 1e6,
                measured);
        assertThat(nanos[0]).as("every settle measured").isPositive();
        new Books(jdbc).assertBooksBalance(funded.team());
    }

    private long run(HeldCalls calls, HeldCalls.Funded funded, Duration duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        try (ExecutorService callers = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                loops.add(callers.submit(() -> {
                    while (running.get()) {
                        Hold hold = calls.reserve(funded, "0.001");
                        settlements.settle(calls.settlement(funded, hold, Credits.of("0.0005")));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(duration);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
        }
        return done.get();
    }

    private static double microsPerCall(long ticks, long calls) {
        return ticks * 1_000_000.0 / CLOCK_TICKS_PER_SECOND / calls;
    }

    /** The server's CPU: the postmaster's, its children's that ended, and every live backend's. */
    private static long databaseTicks(long postmaster) throws IOException {
        long ticks = cpuTicks(Path.of("/proc", Long.toString(postmaster), "stat"), true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    String[] fields = fields(process.resolve("stat"));
                    if (Long.parseLong(fields[1]) == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException ended) {
                    // a process that ended while the list was read
                }
            }
        }
        return ticks;
    }

    private static long parentOf(long pid) throws IOException {
        return Long.parseLong(fields(Path.of("/proc", Long.toString(pid), "stat"))[1]);
    }

    private static long cpuTicks(Path stat, boolean withEndedChildren) throws IOException {
        String[] fields = fields(stat);
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withEndedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** The fields of /proc/[pid]/stat after the command name: state first, then the parent's pid. */
    private static String[] fields(Path stat) throws IOException {
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
    }
}
