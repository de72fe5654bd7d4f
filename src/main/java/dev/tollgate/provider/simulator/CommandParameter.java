package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ToolDefinition;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The parameter through which a tool takes a shell command: a required top-level property named {@code command} or
 * {@code cmd}, either a string (the command line, as Claude Code's {@code Bash} and Codex CLI's {@code exec_command}
 * take it) or an array of strings (an argument vector, as Codex CLI's older {@code shell} takes it). Tools are
 * recognised by their schema, not their names, so any agent's shell tool qualifies.
 *
 * @param takesArgumentVector whether the command goes in as an array of program and arguments
 */
record CommandParameter(String name, boolean takesArgumentVector) {

    private static final List<String> NAMES = List.of("command", "cmd");

    /** The tool's command parameter, if it has one. */
    static Optional<CommandParameter> of(ToolDefinition tool) {
        JsonNode schema = tool.parameters();
        for (String name : NAMES) {
            JsonNode property = schema.path("properties").path(name);
            if (!isRequired(schema, name)) {
                continue;
            }
            String type = property.path("type").asString("");
            if (type.equals("string")) {
                return Optional.of(new CommandParameter(name, false));
            }
            if (type.equals("array")
                    && property.path("items").path("type").asString("").equals("string")) {
                return Optional.of(new CommandParameter(name, true));
            }
        }
        return Optional.empty();
    }

    /** The argument vector that runs a command line: a login shell, as models write it for such tools. */
    static List<String> argumentVector(String command) {
        return List.of("bash", "-lc", command);
    }

    private static boolean isRequired(JsonNode schema, String name) {
        for (JsonNode required : schema.path("required")) {
            if (name.equals(required.asString(null))) {
                return true;
            }
        }
        return false;
    }
}
