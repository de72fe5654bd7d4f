package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.money.Credits;
import dev.tollgate.money.InvalidAmountException;
import dev.tollgate.text.StorableText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A team's balance, its top-ups and its statement. */
@Service
@Transactional(readOnly = true)
public class BillingService {

    private static final Credits LARGEST_TOP_UP = Credits.parse("1000000000");
    private static final int LONGEST_NOTE = 500;

    private final CreditAccountRepository accounts;
    private final LedgerEntryRepository ledger;
    private final LedgerWriter ledgerWriter;
    private final TeamAccess access;
    private final Clock clock;

    BillingService(
            CreditAccountRepository accounts,
            LedgerEntryRepository ledger,
            LedgerWriter ledgerWriter,
            TeamAccess access,
            Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.ledgerWriter = ledgerWriter;
        this.access = access;
        this.clock = clock;
    }

    public Credits balance(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return accounts.balance(team.value()).map(Credits::new).orElse(Credits.ZERO);
    }

    /** Adds credit to a team (platform admins only) and returns the new balance. */
    @Transactional
    public Credits topUp(TeamId team, Credits amount, @Nullable String note) {
        access.requirePlatformAdmin();
        if (!amount.isPositive()) {
            throw new InvalidAmountException("A top-up is a positive amount, not " + amount.toPlainString());
        }
        if (LARGEST_TOP_UP.isLessThan(amount)) {
            throw new InvalidAmountException(
                    String.format(Locale.ROOT, "A single top-up is at most Cr$ %,.2f", LARGEST_TOP_UP.amount()));
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > LONGEST_NOTE) {
            throw new InvalidAmountException("A note has at most " + LONGEST_NOTE + " characters");
        }
        if (cleanNote != null) {
            StorableText.flaw(cleanNote).ifPresent(flaw -> {
                throw new InvalidAmountException("The note " + flaw);
            });
        }
        return post(team, LedgerEntryKind.TOP_UP, amount, cleanNote);
    }

    /** The team's ledger, newest first. */
    public List<LedgerLine> statement(TeamId team, int page, int pageSize) {
        access.require(team, TeamRole.MEMBER);
        return ledger.findNewestFirst(team.value(), PageRequest.of(page, pageSize)).stream()
                .map(LedgerEntry::toLine)
                .toList();
    }

    public long statementSize(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return ledger.countByTeamId(team.value());
    }

    private Credits post(TeamId team, LedgerEntryKind kind, Credits amount, @Nullable String note) {
        Instant now = clock.instant();
        accounts.openIfMissing(team.value(), now);
        Credits balance = accounts.add(team.value(), amount.amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new InsufficientCreditException(team));
        ledgerWriter.append(team.value(), kind, amount, balance, note, null, access.currentActor(), now);
        return balance;
    }
}
