package dev.tollgate.portal.charts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chart drawn in the browser by Apache ECharts, in Lumo's colours and fonts. Give it data with {@link #show}; call
 * it again with new data (a changed date range) and the same chart redraws. 320 px high unless told otherwise.
 *
 * <pre>{@code
 * Chart spend = new Chart("Spend per day");
 * spend.show(StackedDailyBars.credits(days, List.of(new DailySeries("gpt-5", costByDay))));
 * }</pre>
 */
@Tag("tollgate-chart")
// loaded by the page at run time rather than bundled, so the portal keeps Vaadin's pre-built bundle (no Node.js build)
@JsModule("context://charts/tollgate-chart.js")
public class Chart extends Component implements HasSize {

    public static final String NO_DATA = "No data for this period";

    // plain notation: 1E-9 is valid JSON, but a value written as the decimal it is reads better in the page source
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private @Nullable ChartSpec spec;
    private String emptyMessage = NO_DATA;

    public Chart() {}

    public Chart(String title) {
        setTitle(title);
    }

    public void setTitle(String title) {
        getElement().setProperty("chartTitle", title);
    }

    public String getTitle() {
        return getElement().getProperty("chartTitle", "");
    }

    /** What an empty chart says instead of drawing empty axes; {@value #NO_DATA} unless set. */
    public void setEmptyMessage(String message) {
        emptyMessage = Objects.requireNonNull(message, "message");
        if (spec != null) {
            show(spec);
        }
    }

    /** Draws the data, replacing whatever the chart showed before. */
    public void show(ChartSpec data) {
        spec = Objects.requireNonNull(data, "data");
        getElement().setProperty("config", config());
    }

    public Optional<ChartSpec> getSpec() {
        return Optional.ofNullable(spec);
    }

    /** The JSON the element draws: the option and how to write its values, or just the empty message. */
    String config() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (spec == null || spec.isEmpty()) {
            config.put("empty", emptyMessage);
        } else {
            config.put("measure", spec.measure().format()).set("option", spec.option());
        }
        return JSON.writeValueAsString(config);
    }
}
