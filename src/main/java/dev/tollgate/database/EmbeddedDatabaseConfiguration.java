package dev.tollgate.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Zero-setup default: a real PostgreSQL 17 started in-process, persistent under the data directory. */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabase.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    // a server left behind by a killed run gets this long for its shutdown checkpoint before it is killed, so that a
    // restart stays well within half a minute
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private static final Duration ORPHAN_KILL_WAIT = Duration.ofSeconds(5);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        // stopped by this bean's destroy method, after everything that uses the database has shut down, rather than
        // by a JVM hook of its own that would race the application's graceful shutdown
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60));
        if (properties.ephemeral()) {
            // zonky's defaults for throw-away databases: no fsync (-F) and asynchronous commits, fast and fine to lose
            log.info("Starting a throw-away embedded PostgreSQL");
            return builder.start();
        }
        Path directory =
                properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        Files.createDirectories(directory);
        builder.setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // a commit the application reported must survive a crash of the server or the machine: zonky starts
                // every server with -F (fsync off), which a later -c fsync=on overrides, and commits asynchronously
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // runs once zonky holds the directory's lock, just before the server starts
                .setDataDirectoryCustomizer(
                        locked -> new OrphanedPostgres(locked.toPath(), ORPHAN_SHUTDOWN_WAIT, ORPHAN_KILL_WAIT).stop());
        log.info("Starting embedded PostgreSQL with its data in {}", directory);
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new IllegalStateException(
                        "The data directory " + directory + " is in use by another running instance", e);
            }
            throw e;
        }
    }

    /** Only this instance can reach the database it started (loopback, its directory locked). */
    @Bean
    ExclusiveDatabase exclusiveDatabase(EmbeddedPostgres postgres, Clock clock) {
        return new ExclusiveDatabase(clock.instant());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("tollgate-embedded");
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(properties.maximumPoolSize());
        return dataSource;
    }
}
