package dev.tollgate.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One scrape of {@code /actuator/prometheus}, as Prometheus reads it: each series with its value. */
record PrometheusScrape(Map<String, Double> series) {

    static final String TOKEN = "test-metrics-token";

    static HttpResponse<String> get(int port, @org.jspecify.annotations.Nullable String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static PrometheusScrape of(int port) {
        HttpResponse<String> response = get(port, "Bearer " + TOKEN);
        if (response.statusCode() != 200) {
            throw new AssertionError("The scrape answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static PrometheusScrape parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int split = line.lastIndexOf(' ');
            series.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        });
        return new PrometheusScrape(series);
    }

    /** The metric names in the scrape, without labels. */
    Set<String> names() {
        return series.keySet().stream()
                .map(series -> series.contains("{") ? series.substring(0, series.indexOf('{')) : series)
                .collect(Collectors.toSet());
    }

    /** The value of the series of {@code name} whose labels include all of {@code labels}; 0 when there is none. */
    double value(String name, Map<String, String> labels) {
        return series.entrySet().stream()
                .filter(entry ->
                        entry.getKey().startsWith(name + "{") || entry.getKey().equals(name))
                .filter(entry -> labels.entrySet().stream()
                        .allMatch(label -> entry.getKey().contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** How much the series of {@code name} with {@code labels} grew since {@code before}, a scrape taken earlier. */
    double increaseSince(PrometheusScrape before, String name, Map<String, String> labels) {
        return value(name, labels) - before.value(name, labels);
    }
}
