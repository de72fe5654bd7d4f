package dev.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.MutableClock;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Every API call looks its model up here, so reloading the catalog must never hold the calls up. */
@IntegrationTest
class CatalogReloadTests {

    private static final String MODEL = "aws/claude-haiku-4-5";

    @Autowired
    ModelRepository models;

    @Autowired
    ModelAliasRepository aliases;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ModelsProperties properties;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStaleCatalogKeepsAnsweringWhileOneCallerReloadsIt() throws Exception {
        MutableClock clock = new MutableClock();
        Catalog catalog = new Catalog(models, aliases, transactions, clock, properties);
        assertThat(catalog.resolve(MODEL))
                .as("the first lookup loads the catalog")
                .isPresent();
        clock.advance(Duration.ofMinutes(1));

        try (Connection blocker = dataSource.getConnection();
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table model in access exclusive mode");
            }
            Future<Optional<CatalogModel>> reloader = callers.submit(() -> catalog.resolve(MODEL));
            awaitALockWait();

            List<Future<Optional<CatalogModel>>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                others.add(callers.submit(() -> catalog.resolve(MODEL)));
            }
            for (Future<Optional<CatalogModel>> other : others) {
                assertThat(other.get(5, TimeUnit.SECONDS))
                        .as("a caller arriving during the reload is answered from the snapshot it has")
                        .isPresent();
            }
            assertThat(reloader.isDone()).as("the reload waits for the table").isFalse();

            blocker.rollback();
            assertThat(reloader.get(10, TimeUnit.SECONDS))
                    .as("the reload finishes")
                    .isPresent();
        }
    }

    @Test
    void aForgottenCatalogIsReadAgainByTheNextLookup() {
        MutableClock clock = new MutableClock();
        Catalog catalog = new Catalog(models, aliases, transactions, clock, properties);
        assertThat(catalog.resolve(MODEL)).isPresent();
        jdbc.update("update model set enabled = false where id = ?", MODEL);
        try {
            assertThat(catalog.resolve(MODEL)).as("the snapshot is still fresh").isPresent();
            catalog.forget();
            assertThat(catalog.resolve(MODEL))
                    .as("a disabled model is gone after forget")
                    .isEmpty();
        } finally {
            jdbc.update("update model set enabled = true where id = ?", MODEL);
        }
    }

    private void awaitALockWait() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Integer waiting = jdbc.queryForObject(
                    "select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                            + " where c.relname = 'model' and not l.granted",
                    Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the reload never waited for the locked table");
    }
}
