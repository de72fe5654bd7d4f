package dev.tollgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where the data lives: the built-in PostgreSQL keeps it across restarts; an external one is used when configured. */
class DatabaseSetupTests {

    @Test
    void theEmbeddedDatabaseKeepsItsDataInTheDataDirectoryAcrossRestarts(@TempDir Path dataDir) {
        try (ConfigurableApplicationContext first = start("--tollgate.database.embedded.data-dir=" + dataDir)) {
            JdbcClient jdbc = JdbcClient.create(first.getBean(DataSource.class));
            jdbc.sql("insert into team (id, name, created_at) values (gen_random_uuid(), 'Survivor', now())")
                    .update();
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start("--tollgate.database.embedded.data-dir=" + dataDir)) {
            JdbcClient jdbc = JdbcClient.create(second.getBean(DataSource.class));
            assertThat(jdbc.sql("select name from team where name = 'Survivor'")
                            .query(String.class)
                            .list())
                    .containsExactly("Survivor");
            assertThat(jdbc.sql("select count(*) from app_user where platform_admin")
                            .query(Long.class)
                            .single())
                    .as("the first-start admin is created once, not again on restart")
                    .isEqualTo(1L);
        }
    }

    @Test
    void aConfiguredDatasourceIsUsedInsteadOfTheEmbeddedOne() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext app = start(
                    "--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=")) {
                assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            }
            List<String> migrated = JdbcClient.create(external.getPostgresDatabase())
                    .sql("select version from flyway_schema_history where success order by installed_rank")
                    .query(String.class)
                    .list();
            assertThat(migrated).startsWith("1", "2", "3", "4");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--tollgate.admin.password=restart-password";
        all[args.length + 2] = "--vaadin.devmode.devTools.enabled=false";
        return new SpringApplicationBuilder(TollgateApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(all);
    }
}
