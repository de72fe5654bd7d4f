package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One lease this instance holds for a team and key, and the calls reserved from it. Its amount is the lease row's
 * amount less the charges taken in memory and not yet committed, so it is never above the row's: every charge comes
 * off here before its settle takes it off the row, and an extension is added here only after its row committed. Used
 * under {@link #lock}, which {@link CreditLeases} holds for every read and change, statements included.
 */
final class CreditLease {

    final ReentrantLock lock = new ReentrantLock();

    private final UUID id;
    private final TeamId team;
    private final @Nullable ApiKeyId key;
    private final Map<UUID, Credits> calls = new HashMap<>();
    private boolean opened;
    private boolean holdsKeyBudget;
    private Credits amount = Credits.ZERO;
    private Credits reserved = Credits.ZERO;
    private int uncommitted;
    private Instant lastUsed;
    private boolean ended;
    private long keyRevision;

    /**
     * A lease about to be asked for: it has no row, and nothing to reserve, until {@link #opened}. It serves the key
     * as of {@code keyRevision} of its settings.
     */
    CreditLease(UUID id, TeamId team, @Nullable ApiKeyId key, long keyRevision, Instant now) {
        this.id = id;
        this.team = team;
        this.key = key;
        this.keyRevision = keyRevision;
        this.lastUsed = now;
    }

    /** Its row was written, for {@code granted}. */
    void opened(boolean holdsKeyBudget, Credits granted) {
        this.opened = true;
        this.holdsKeyBudget = holdsKeyBudget;
        this.amount = granted;
    }

    /** Whether it has a row: whether anything was ever granted. */
    boolean isOpen() {
        return opened;
    }

    UUID id() {
        return id;
    }

    TeamId team() {
        return team;
    }

    @Nullable
    ApiKeyId key() {
        return key;
    }

    /** The latest revision of the key's settings a call on this lease was made with. */
    long keyRevision() {
        return keyRevision;
    }

    /** A call made with a later revision of the key's settings found the lease still held: it serves that one now. */
    void follow(long laterRevision) {
        keyRevision = Math.max(keyRevision, laterRevision);
    }

    boolean holdsKeyBudget() {
        return holdsKeyBudget;
    }

    Credits amount() {
        return amount;
    }

    /** What is left to reserve: the amount less the holds of the calls running on it. */
    Credits free() {
        return amount.minus(reserved);
    }

    int callsRunning() {
        return calls.size();
    }

    boolean ended() {
        return ended;
    }

    /** Reserves {@code hold} for a call if what is left covers it. */
    boolean take(UUID holdId, Credits hold, Instant now) {
        if (ended || free().isLessThan(hold)) {
            return false;
        }
        calls.put(holdId, hold);
        reserved = reserved.plus(hold);
        lastUsed = now;
        return true;
    }

    /** Ends a call's reservation; what it had reserved, or null when it was ended before. */
    @Nullable
    Credits finish(UUID holdId, Instant now) {
        Credits hold = calls.remove(holdId);
        if (hold != null) {
            reserved = reserved.minus(hold);
            lastUsed = now;
        }
        return hold;
    }

    /** A charge taken off the lease in memory, to be committed by a settle. */
    void charge(Credits charge) {
        amount = amount.minus(charge);
        uncommitted++;
    }

    /** Charges the settles committed, so the lease may be returned once idle. */
    void committed(int charges) {
        uncommitted = Math.max(0, uncommitted - charges);
    }

    void extended(Credits granted) {
        amount = amount.plus(granted);
    }

    void shrunk(Credits returned) {
        amount = amount.minus(returned);
    }

    /**
     * Whether the lease can be given back: no call runs on it, no charge of it is waiting to commit, and it has not
     * been used for {@code idle}; or no call runs on it and nothing has touched it for {@code abandoned}, when a charge
     * it waited for will never commit (its settle failed) and the row's amount, which still holds it, goes back.
     */
    boolean returnable(Instant now, Duration idle, Duration abandoned) {
        if (!calls.isEmpty()) {
            return false;
        }
        Duration unused = Duration.between(lastUsed, now);
        return uncommitted == 0 ? unused.compareTo(idle) >= 0 : unused.compareTo(abandoned) >= 0;
    }

    void end() {
        ended = true;
    }
}
