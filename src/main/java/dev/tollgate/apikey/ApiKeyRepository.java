package dev.tollgate.apikey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    Optional<ApiKey> findByKeyHash(String keyHash);

    List<ApiKey> findByTeamIdOrderByCreatedAtDesc(UUID teamId);

    /** Records use at most once a minute per key, so a busy key does not turn every request into a write. */
    @Modifying
    @Query(value = """
            update api_key set last_used_at = :now
            where id = :id and (last_used_at is null or last_used_at < :staleBefore)""", nativeQuery = true)
    int touch(UUID id, Instant now, Instant staleBefore);

    /** Reserves part of the key's budget for a request in flight; 0 rows when the budget cannot cover it. */
    @Modifying
    @Query(value = """
            update api_key set reserved = reserved + :amount
            where id = :id and (budget is null or spent + reserved + :amount <= budget)""", nativeQuery = true)
    int reserve(UUID id, BigDecimal amount);

    /** Ends a reservation: frees it and adds what the request actually cost to the key's spending. */
    @Modifying
    @Query(value = """
            update api_key set reserved = greatest(reserved - :reserved, 0), spent = spent + :charged
            where id = :id""", nativeQuery = true)
    int settle(UUID id, BigDecimal reserved, BigDecimal charged);
}
