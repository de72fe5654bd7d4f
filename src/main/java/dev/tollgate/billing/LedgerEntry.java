package dev.tollgate.billing;

import dev.tollgate.money.Credits;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** A ledger row; written once and never changed (a database trigger refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "ledger_entry")
class LedgerEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private UUID teamId;

    @Enumerated(EnumType.STRING)
    private LedgerEntryKind kind;

    private BigDecimal amount;
    private BigDecimal balanceAfter;
    private @Nullable String note;
    private @Nullable String reference;
    private @Nullable String createdBy;
    private Instant createdAt;

    protected LedgerEntry() {
        // for JPA
    }

    LedgerEntry(
            UUID teamId,
            LedgerEntryKind kind,
            Credits amount,
            Credits balanceAfter,
            @Nullable String note,
            @Nullable String reference,
            @Nullable String createdBy,
            Instant createdAt) {
        this.teamId = teamId;
        this.kind = kind;
        this.amount = amount.amount();
        this.balanceAfter = balanceAfter.amount();
        this.note = note;
        this.reference = reference;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    LedgerLine toLine() {
        return new LedgerLine(id, kind, new Credits(amount), new Credits(balanceAfter), note, createdBy, createdAt);
    }
}
