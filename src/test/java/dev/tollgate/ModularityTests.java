package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private static final Path README = Path.of("README.md");

    /** The README's graph sits between these two lines; {@code -Dreadme.modules=write} rewrites it. */
    private static final Pattern GRAPH = Pattern.compile(
            "(<!-- module graph: generated from the module model by ModularityTests -->\n)(.*?)(\n<!-- end of module graph -->)",
            Pattern.DOTALL);

    private static final Pattern TABLE = Pattern.compile("\\| module \\| owns \\|\n\\|---\\|---\\|\n((?:\\|.*\n)+)");

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z]+)` \\|", Pattern.MULTILINE);

    private final ApplicationModules modules = ApplicationModules.of(TollgateApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagramsForTheDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    @Test
    void theReadmeGraphIsTheModuleModel() throws IOException {
        String readme = Files.readString(README);
        Matcher block = GRAPH.matcher(readme);
        assertThat(block.find())
                .as("README.md holds the generated module graph")
                .isTrue();
        String generated = ModuleGraph.of(modules).mermaid();
        if ("write".equals(System.getProperty("readme.modules"))) {
            Files.writeString(
                    README, block.replaceFirst(Matcher.quoteReplacement(block.group(1) + generated + block.group(3))));
            return;
        }
        assertThat(block.group(2))
                .as("the README's module graph, regenerated with "
                        + "./mvnw test -Dtest=ModularityTests -Dreadme.modules=write")
                .isEqualTo(generated);
    }

    @Test
    void theReadmeTableHasARowPerModule() throws IOException {
        Matcher table = TABLE.matcher(Files.readString(README));
        assertThat(table.find()).as("README.md has the module table").isTrue();
        List<String> rows = TABLE_ROW
                .matcher(table.group(1))
                .results()
                .map(row -> row.group(1))
                .sorted()
                .toList();
        assertThat(rows)
                .as("modules in the README's table")
                .isEqualTo(ModuleGraph.of(modules).names());
    }
}
