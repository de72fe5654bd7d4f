package dev.tollgate.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on the data directory although the application that started it is gone. The
 * server runs as a process of its own, so when the application is killed ({@code kill -9}, the OOM killer) it lives
 * on, holding {@code postmaster.pid}, and a new server on the same directory would refuse to start.
 *
 * <p>Only called while this process holds the directory's lock (zonky's {@code epg-lock}, which the operating system
 * lets go when its holder dies), so a server found here belongs to no living instance. A process counts as part of it
 * only if it runs the {@code postgres} executable in this very directory, because the pid in a stale
 * {@code postmaster.pid} may meanwhile belong to an unrelated process: on Linux a process's working directory tells
 * (every PostgreSQL process works in its data directory); elsewhere only the postmaster named in the file is trusted,
 * and only if it started when the file says, together with its children.
 *
 * <p>The postmaster is asked for a smart shutdown: its clients died with the old application, so it writes a
 * checkpoint and exits at once, and a server already shutting down is simply waited for. Whatever still runs after
 * that, including children that would keep its shared memory in use and make the new server refuse to start, is
 * killed; PostgreSQL recovers from its write-ahead log as after a crash.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final Path PROC = Path.of("/proc");
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(10);

    private final Path dataDirectory;
    private final Duration shutdownWait;
    private final Duration killWait;

    OrphanedPostgres(Path dataDirectory, Duration shutdownWait, Duration killWait) {
        this.dataDirectory = realPath(dataDirectory);
        this.shutdownWait = shutdownWait;
        this.killWait = killWait;
    }

    /** Stops what is left of an earlier server on the directory, if anything is. */
    void stop() {
        Set<ProcessHandle> server = processes();
        if (server.isEmpty()) {
            removeStalePidFile();
            return;
        }
        log.warn(
                "PostgreSQL is still running on {} (processes {}) although the application that started it is gone;"
                        + " stopping it",
                dataDirectory,
                pidsOf(server));
        topmost(server).forEach(ProcessHandle::destroy);
        awaitExit(server, shutdownWait);
        Set<ProcessHandle> left = alive(server);
        left.addAll(processes());
        if (!left.isEmpty()) {
            log.warn("PostgreSQL processes {} did not stop within {}; killing them", pidsOf(left), shutdownWait);
            left.forEach(ProcessHandle::destroyForcibly);
            awaitExit(left, killWait);
            left = alive(left);
            left.addAll(processes());
            if (!left.isEmpty()) {
                throw new IllegalStateException("PostgreSQL processes " + pidsOf(left) + " on " + dataDirectory
                        + " could not be stopped; stop them before starting the application");
            }
        }
        removeStalePidFile();
        log.info("Stopped the PostgreSQL left running on {}", dataDirectory);
    }

    /** Every process of a server on this directory: the postmaster and its children. */
    private Set<ProcessHandle> processes() {
        Optional<PidFile> pidFile = PidFile.read(dataDirectory);
        Stream<ProcessHandle> candidates = Files.isDirectory(PROC)
                ? ProcessHandle.allProcesses()
                : pidFile.flatMap(file -> ProcessHandle.of(file.pid())).stream();
        Set<ProcessHandle> server = candidates
                .filter(process -> runsHere(process, pidFile))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List.copyOf(server).forEach(process -> process.descendants().forEach(server::add));
        return server;
    }

    private boolean runsHere(ProcessHandle process, Optional<PidFile> pidFile) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        // the working directory first: one link to read, where the executable's name needs a process's whole info
        Optional<Path> workingDirectory = workingDirectory(process);
        if (workingDirectory.isPresent()) {
            return workingDirectory.get().equals(dataDirectory) && isPostgres(process);
        }
        // without /proc, a pid is trusted only together with the start time the server wrote beside it
        return isPostgres(process)
                && pidFile.filter(file -> file.pid() == process.pid())
                        .flatMap(file -> process.info().startInstant().map(started -> file.startedAround(started)))
                        .orElse(false);
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> Path.of(command).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .isPresent();
    }

    private static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(
                    realPath(PROC.resolve(Long.toString(process.pid())).resolve("cwd")));
        } catch (RuntimeException e) {
            // not Linux, another user's process, or gone meanwhile
            return Optional.empty();
        }
    }

    /** The processes whose parent is not part of the server: the postmaster, or children it left when it died. */
    private static Set<ProcessHandle> topmost(Set<ProcessHandle> server) {
        return server.stream()
                .filter(process -> process.parent().filter(server::contains).isEmpty())
                .collect(Collectors.toSet());
    }

    private static void awaitExit(Set<ProcessHandle> processes, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!alive(processes).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<ProcessHandle> alive(Set<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<Long> pidsOf(Set<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * PostgreSQL clears a {@code postmaster.pid} whose process is gone by itself, but refuses to start while the pid in
     * it runs anything; once no process of the old server is left, a pid that does is a reused one.
     */
    private void removeStalePidFile() {
        PidFile.read(dataDirectory)
                .filter(file -> ProcessHandle.of(file.pid()).isPresent())
                .ifPresent(file -> {
                    log.info("Removing a stale postmaster.pid: its pid {} now belongs to another program", file.pid());
                    try {
                        Files.deleteIfExists(file.path());
                    } catch (IOException e) {
                        throw new IllegalStateException("Could not remove the stale " + file.path(), e);
                    }
                });
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot resolve " + path, e);
        }
    }

    /** What a server wrote into {@code postmaster.pid}: its pid on the first line, its start (epoch seconds) on the third. */
    record PidFile(Path path, long pid, Instant startedAt) {

        static Optional<PidFile> read(Path dataDirectory) {
            Path path = dataDirectory.resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(path);
                return Optional.of(new PidFile(
                        path,
                        Long.parseLong(lines.get(0).strip()),
                        Instant.ofEpochSecond(Long.parseLong(lines.get(2).strip()))));
            } catch (IOException | RuntimeException e) {
                // absent, or still being written by a server that is starting
                return Optional.empty();
            }
        }

        boolean startedAround(Instant processStart) {
            return Duration.between(startedAt, processStart).abs().compareTo(START_TIME_TOLERANCE) <= 0;
        }
    }
}
