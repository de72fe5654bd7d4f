package dev.tollgate.calls;

import dev.tollgate.billing.BatchNotAllHeldException;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.HoldCharge;
import dev.tollgate.money.Credits;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageRecorder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles finished model calls together: one flusher takes whatever calls have queued and settles them at once, with
 * one balance update per team and one spending update per key, so concurrent calls of a team no longer queue on its
 * account row one by one. A caller waits until its settle has committed. With no load a batch is a single call,
 * flushed at once; under load batches grow by themselves. The common batch, every hold still held and every charge
 * fitting, is settled with its usage rows in one statement and one round trip to the database; any other (a request
 * settled twice, a hold the sweeper released, a charge beyond its hold and the remaining credit) keeps nothing and is
 * settled again case by case in one transaction, and a batch that fails even then is settled one by one, so one bad
 * call never affects another. A call whose hold the sweeper released while it still ran is charged all the same, from
 * the available balance.
 */
@Component
class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    private static final int LARGEST_BATCH = 256;

    /** What one finished call settles: its charge against the hold (its team's and its key's) and its usage row. */
    record Settlement(HoldCharge charge, UsageRecord usage) {

        Settlement {
            Objects.requireNonNull(charge);
            Objects.requireNonNull(usage);
        }

        UUID holdId() {
            return charge.hold().id();
        }
    }

    private record Pending(Settlement settlement, CompletableFuture<Credits> charged) {}

    private final CreditHolds holds;
    private final UsageRecorder usage;
    private final TransactionTemplate transactions;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread flusher =
            Thread.ofPlatform().name("settlements").daemon().unstarted(this::flushUntilClosed);
    private volatile boolean closed;

    Settlements(CreditHolds holds, UsageRecorder usage, JdbcTransactionManager jdbcTransactions) {
        this.holds = holds;
        this.usage = usage;
        this.transactions = new TransactionTemplate(jdbcTransactions);
    }

    @PostConstruct
    void start() {
        flusher.start();
    }

    /** Settles everything still queued, then stops; calls settled after this run on their own. */
    @PreDestroy
    void close() throws InterruptedException {
        closed = true;
        flusher.join();
    }

    /** Settles the call and returns what its team was charged, once that has committed. */
    Credits settle(Settlement settlement) {
        if (closed) {
            return settleAlone(settlement);
        }
        Pending pending = new Pending(settlement, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            return settleAlone(settlement);
        }
        try {
            return pending.charged().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** Settles the calls as one batch on the calling thread, exactly as the flusher would; what each was charged. */
    List<Credits> settleAsOneBatch(List<Settlement> settlements) {
        List<Pending> batch = settlements.stream()
                .map(settlement -> new Pending(settlement, new CompletableFuture<Credits>()))
                .toList();
        flush(batch);
        return batch.stream().map(pending -> pending.charged().join()).toList();
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
                log.error("Settling a batch of {} calls failed", batch.size(), unexpected);
                batch.forEach(pending -> pending.charged().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Pending> batch) {
        flush(batch, this::settleAllHeld);
    }

    /** Settles the batch the way given, which keeps all of it or nothing, or, when that fails, as the failure says. */
    private void flush(List<Pending> batch, Function<List<Pending>, Map<UUID, Credits>> settle) {
        Map<UUID, Credits> charged;
        try {
            charged = settle.apply(batch);
        } catch (BatchNotAllHeldException uncommon) {
            // nothing kept; not the common batch, so it is settled case by case
            flush(batch, this::settleTogether);
            return;
        } catch (CannotCreateTransactionException | CannotGetJdbcConnectionException unreachable) {
            // settling one by one would wait for a connection once per call; the holds stay until the sweeper
            log.error("The database is unreachable; {} calls stay unsettled until their holds expire", batch.size());
            batch.forEach(pending -> pending.charged().completeExceptionally(unreachable));
            return;
        } catch (RuntimeException failure) {
            log.debug("A batch of {} settles failed, settling them one by one", batch.size(), failure);
            batch.forEach(this::flushAlone);
            return;
        }
        batch.forEach(pending ->
                pending.charged().complete(charged.get(pending.settlement().holdId())));
    }

    private void flushAlone(Pending pending) {
        try {
            pending.charged().complete(settleAlone(pending.settlement()));
        } catch (RuntimeException failure) {
            pending.charged().completeExceptionally(failure);
        }
    }

    /**
     * The common batch, every hold still held and every charge fitting: the usage rows and then holds, keys and teams
     * in one statement, sent in one round trip and committed as it returns (in a transaction that also records budget
     * alerts when a key has a budget), so the rows every call of a team or key updates are locked as briefly as
     * possible.
     */
    private Map<UUID, Credits> settleAllHeld(List<Pending> batch) {
        List<Settlement> settlements = batch.stream().map(Pending::settlement).toList();
        return holds.settleAllHeld(
                settlements.stream().map(Settlement::charge).toList(),
                usage.insertion(settlements.stream().map(Settlement::usage).toList()));
    }

    /**
     * Any batch, in one transaction: usage rows first, then the holds (each row its own call's), then the keys'
     * spending, then the teams' balances; billing frees a key's reservation only for holds this settle ended (the
     * sweeper freed those it released).
     */
    private Map<UUID, Credits> settleTogether(List<Pending> batch) {
        List<Settlement> settlements = batch.stream().map(Pending::settlement).toList();
        return Objects.requireNonNull(transactions.execute(status -> {
            usage.recordAll(settlements.stream().map(Settlement::usage).toList());
            return holds.chargeAll(
                    holds.claim(settlements.stream().map(Settlement::charge).toList()));
        }));
    }

    private Credits settleAlone(Settlement settlement) {
        return Objects.requireNonNull(transactions.execute(status -> {
            usage.record(settlement.usage());
            return holds.charge(holds.claim(List.of(settlement.charge())).getFirst());
        }));
    }
}
