package dev.tollgate.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Validates JSON against a JSON Schema (draft 2020-12) with a library, not with the gateway's own reading of it. */
public final class JsonSchemas {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {}

    /** What {@code json} breaks of {@code schema}, one line each; empty when it validates. */
    public static List<String> violations(JsonNode schema, String json) {
        return REGISTRY.getSchema(schema.toString()).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }
}
