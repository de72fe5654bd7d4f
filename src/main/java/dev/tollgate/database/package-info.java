/**
 * Where the data lives. With no {@code spring.datasource.url} the application starts its own PostgreSQL from Maven
 * artifacts, keeping its files under the data directory across restarts; with one, it uses that server.
 */
@NullMarked
package dev.tollgate.database;

import org.jspecify.annotations.NullMarked;
