package dev.tollgate.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in PostgreSQL. {@code dataDir} is the product's data directory ({@code TOLLGATE_DATA_DIR}); the database
 * files go to its {@code postgres} folder. {@code ephemeral} starts a throw-away database instead (tests).
 */
@ConfigurationProperties("tollgate.database.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("20") int maximumPoolSize) {}
