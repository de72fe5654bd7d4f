package dev.tollgate.account;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TeamRepository extends JpaRepository<Team, UUID> {

    @Query("select count(t) > 0 from Team t where lower(t.name) = lower(:name)")
    boolean existsByNameIgnoringCase(String name);

    @Query("select count(t) > 0 from Team t where lower(t.name) = lower(:name) and t.id <> :id")
    boolean existsByNameIgnoringCaseAndIdNot(String name, UUID id);

    @Query("select t from Team t order by lower(t.name)")
    List<Team> findAllByName();
}
