package dev.tollgate;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module dependency graph as the README shows it, drawn from Spring Modulith's model of the code so the picture
 * cannot drift from what the classes import. Modules are listed from the top of the stack (most dependencies) down.
 * Open modules hold values any module may use (money, text, the caller, the HTTP error bodies); arrows into them
 * would reach nearly every box, so they are drawn as one group and only their own arrows are shown.
 */
record ModuleGraph(List<Edges> modules, List<String> open) {

    /** One module and the modules it uses directly, both by name. */
    record Edges(String module, List<String> uses) {}

    static ModuleGraph of(ApplicationModules model) {
        List<Edges> edges = model.stream()
                .map(module -> new Edges(module.getName(), uses(module, model)))
                .sorted(Comparator.comparingInt((Edges e) -> -e.uses().size()).thenComparing(Edges::module))
                .toList();
        List<String> open = model.stream()
                .filter(ApplicationModule::isOpen)
                .map(ApplicationModule::getName)
                .sorted()
                .toList();
        return new ModuleGraph(edges, open);
    }

    private static List<String> uses(ApplicationModule module, ApplicationModules model) {
        return module.getDirectDependencies(model)
                .uniqueModules()
                .map(ApplicationModule::getName)
                .filter(name -> !name.equals(module.getName()))
                .distinct()
                .sorted()
                .toList();
    }

    List<String> names() {
        return modules.stream().map(Edges::module).sorted().toList();
    }

    /** A Mermaid flowchart: the open modules as a group, then one line per module that uses others. */
    String mermaid() {
        String group = open.stream().map(name -> "    " + name).collect(Collectors.joining("\n"));
        String lines = modules.stream()
                .map(edges -> new Edges(
                        edges.module(),
                        edges.uses().stream()
                                .filter(name -> !open.contains(name))
                                .toList()))
                .filter(edges -> !edges.uses().isEmpty() || !open.contains(edges.module()))
                .map(edges -> edges.uses().isEmpty()
                        ? "  " + edges.module()
                        : "  " + edges.module() + " --> " + String.join(" & ", edges.uses()))
                .collect(Collectors.joining("\n"));
        return "```mermaid\ngraph LR\n  subgraph shared [open modules: values every module may use]\n" + group
                + "\n  end\n" + lines + "\n```";
    }
}
