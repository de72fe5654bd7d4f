package dev.tollgate.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LedgerEntryRepository extends JpaRepository<LedgerEntry, Long> {

    @Query("select e from LedgerEntry e where e.teamId = :teamId order by e.id desc")
    List<LedgerEntry> findNewestFirst(UUID teamId, Pageable page);

    long countByTeamId(UUID teamId);

    @Query("select coalesce(sum(e.amount), 0) from LedgerEntry e where e.teamId = :teamId")
    BigDecimal sumOfAmounts(UUID teamId);
}
