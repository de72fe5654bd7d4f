package dev.tollgate.database;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A statement with its arguments, for sending to the database together with other statements: {@link #then} joins two
 * into one that the PostgreSQL driver sends in one round trip, and that commits as a whole when run outside a
 * transaction. That holds only while every statement's result row has a bounded size (no text, numeric or array
 * column): once the driver has prepared a statement whose rows may be any size, it sends a {@code Sync} before it, which
 * ends the implicit transaction there.
 *
 * @param sql the statement, its parameters as {@code ?}
 * @param arguments the values of its parameters, in order
 */
public record BoundStatement(String sql, @Nullable Object[] arguments) {

    public BoundStatement {
        Objects.requireNonNull(sql);
        arguments = arguments.clone();
    }

    /** This statement, then {@code next}, as one. */
    public BoundStatement then(BoundStatement next) {
        @Nullable Object[] both = Arrays.copyOf(arguments, arguments.length + next.arguments.length);
        System.arraycopy(next.arguments, 0, both, arguments.length, next.arguments.length);
        return new BoundStatement(sql + ";\n" + next.sql, both);
    }

    @Override
    public @Nullable Object[] arguments() {
        return arguments.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoundStatement that && sql.equals(that.sql) && Arrays.equals(arguments, that.arguments);
    }

    @Override
    public int hashCode() {
        return 31 * sql.hashCode() + Arrays.hashCode(arguments);
    }

    @Override
    public String toString() {
        return "BoundStatement[" + sql + ", " + arguments.length + " arguments]";
    }
}
