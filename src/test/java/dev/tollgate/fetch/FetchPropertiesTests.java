package dev.tollgate.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class FetchPropertiesTests {

    @Test
    void defaultsToModestLimitsAndNoExemptEndpoints() {
        FetchProperties properties = bind(Map.of());

        assertThat(properties).isEqualTo(FetchProperties.defaults());
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.maxRedirects()).isEqualTo(3);
        assertThat(properties.maxBytes()).isEqualTo(DataSize.ofBytes(20 * 1024 * 1024));
        assertThat(properties.allowedEndpoints()).isEmpty();
    }

    @Test
    void readsAnEmptyVariableAsNoEndpointsAndACommaSeparatedOneAsSeveral() {
        assertThat(bind(Map.of("tollgate.fetch.allowed-endpoints", "")).allowedEndpoints())
                .isEmpty();
        assertThat(bind(Map.of("tollgate.fetch.allowed-endpoints", "images.internal:8080,[fd00::5]:443"))
                        .allowedEndpoints())
                .containsExactly("images.internal:8080", "[fd00::5]:443");
    }

    @Test
    void refusesAnEndpointWithoutPortAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("tollgate.fetch.allowed-endpoints", "images.internal")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("host:port");
    }

    private static FetchProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("tollgate.fetch", FetchProperties.class);
    }
}
