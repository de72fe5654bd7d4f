package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserves credit for calls together, the way finished calls are settled together (decision 0007): callers queue, one flusher takes whatever has queued and reserves it in one short transaction (the rows locked and
 * read in one statement, the holds decided in arrival order, one update per team and per key and the hold rows written
 * in another), so concurrent calls of a team no longer queue on its account row one statement each. Each caller waits
 * for its own answer. With no load a batch is a single reservation, made by the single reserve statement as before. A
 * batch that fails is rolled back and its reservations made one by one, so one bad request never affects another.
 */
@Component
class Reservations {

    private static final Logger log = LoggerFactory.getLogger(Reservations.class);
    private static final int LARGEST_BATCH = 256;

    private record Pending(Reservation reservation, CompletableFuture<CreditHoldRepository.Reserved> reserved) {}

    private final CreditHoldRepository holds;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread flusher =
            Thread.ofPlatform().name("reservations").daemon().unstarted(this::flushUntilClosed);
    private volatile boolean closed;

    Reservations(CreditHoldRepository holds, JdbcTransactionManager jdbcTransactions, Clock clock) {
        this.holds = holds;
        this.transactions = new TransactionTemplate(jdbcTransactions);
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        flusher.start();
    }

    /** Reserves everything still queued, then stops; reservations made after this run on their own. */
    @PreDestroy
    void close() throws InterruptedException {
        closed = true;
        flusher.join();
    }

    /** Makes the reservation (or refuses it) and returns once its hold row exists. */
    CreditHoldRepository.Reserved reserve(Reservation reservation) {
        if (closed) {
            return reserveAlone(reservation);
        }
        Pending pending = new Pending(reservation, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            return reserveAlone(reservation);
        }
        try {
            return pending.reserved().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** Makes the reservations as one batch on the calling thread, exactly as the flusher would; each one's outcome. */
    List<CreditHoldRepository.Reserved> reserveAsOneBatch(List<Reservation> reservations) {
        List<Pending> batch = reservations.stream()
                .map(reservation -> new Pending(reservation, new CompletableFuture<CreditHoldRepository.Reserved>()))
                .toList();
        flush(batch);
        return batch.stream().map(pending -> pending.reserved().join()).toList();
    }

    private void flushUntilClosed() {
        List<Pending> batch = new ArrayList<>(LARGEST_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, LARGEST_BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error unexpected) {
                log.error("Reserving a batch of {} calls failed", batch.size(), unexpected);
                batch.forEach(pending -> pending.reserved().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Pending> batch) {
        if (batch.size() == 1) {
            flushOneByOne(batch);
            return;
        }
        List<CreditHoldRepository.Reserved> reserved;
        try {
            reserved = Objects.requireNonNull(transactions.execute(status ->
                    reserveTogether(batch.stream().map(Pending::reservation).toList(), clock.instant())));
        } catch (CannotCreateTransactionException unreachable) {
            // reserving one by one would wait for a connection once per call; each caller is told as it would be alone
            RuntimeException failure = asOneReserveWouldFail(unreachable);
            batch.forEach(pending -> pending.reserved().completeExceptionally(failure));
            return;
        } catch (RuntimeException failure) {
            log.debug("A batch of {} reservations failed, reserving them one by one", batch.size(), failure);
            flushOneByOne(batch);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).reserved().complete(reserved.get(i));
        }
    }

    private void flushOneByOne(List<Pending> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            try {
                pending.reserved().complete(reserveAlone(pending.reservation()));
            } catch (CannotGetJdbcConnectionException unreachable) {
                // the rest would wait just as long for a connection
                batch.subList(i, batch.size())
                        .forEach(waiting -> waiting.reserved().completeExceptionally(unreachable));
                return;
            } catch (RuntimeException failure) {
                pending.reserved().completeExceptionally(failure);
            }
        }
    }

    /**
     * Keys first, then teams, each sorted as a batch of settles sorts them; every reservation decided in arrival order
     * against what the locked rows leave, then the granted ones written together.
     */
    private List<CreditHoldRepository.Reserved> reserveTogether(List<Reservation> batch, Instant now) {
        TreeSet<ApiKeyId> keys = new TreeSet<>(Comparator.comparing(ApiKeyId::value));
        TreeSet<TeamId> teams = new TreeSet<>(Comparator.comparing(TeamId::value));
        for (Reservation reservation : batch) {
            teams.add(reservation.team());
            if (reservation.key() != null) {
                keys.add(reservation.key());
            }
        }
        Headroom headroom = holds.lockHeadroom(List.copyOf(keys), List.copyOf(teams));
        List<CreditHoldRepository.Reserved> reserved = new ArrayList<>(batch.size());
        List<Hold> granted = new ArrayList<>(batch.size());
        for (Reservation reservation : batch) {
            CreditHoldRepository.Reserved outcome = headroom.take(reservation);
            reserved.add(outcome);
            if (outcome.held()) {
                granted.add(reservation.granted(outcome.holdsKeyBudget()));
            }
        }
        if (!granted.isEmpty()) {
            requireAllWritten(granted, holds.reserveAll(granted, now));
        }
        return reserved;
    }

    private static void requireAllWritten(List<Hold> granted, CreditHoldRepository.GrantedCounts written) {
        long keys = granted.stream()
                .filter(Hold::holdsKeyBudget)
                .map(Hold::apiKeyId)
                .distinct()
                .count();
        long teams = granted.stream().map(Hold::team).distinct().count();
        if (written.holds() != granted.size() || written.teams() != teams || written.keys() != keys) {
            throw new IllegalStateException("A batch of reservations found rows missing: " + written);
        }
    }

    private CreditHoldRepository.Reserved reserveAlone(Reservation reservation) {
        return holds.reserve(
                reservation.holdId(),
                reservation.team(),
                reservation.key(),
                reservation.requestId(),
                reservation.amount(),
                clock.instant());
    }

    /** A single reserve finding no connection throws {@link CannotGetJdbcConnectionException}; so does a batch. */
    private static RuntimeException asOneReserveWouldFail(CannotCreateTransactionException unreachable) {
        return unreachable.getCause() instanceof SQLException cause
                ? new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", cause)
                : new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection: " + unreachable.getMessage());
    }
}
