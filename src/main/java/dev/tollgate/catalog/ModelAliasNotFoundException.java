package dev.tollgate.catalog;

/** No alias has the name asked for. */
public class ModelAliasNotFoundException extends RuntimeException {

    ModelAliasNotFoundException(String alias) {
        super("No model alias is named '" + alias + "'");
    }
}
