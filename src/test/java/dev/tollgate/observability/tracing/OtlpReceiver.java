package dev.tollgate.observability.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** An OTLP/HTTP collector on loopback: decodes each posted {@code ExportTraceServiceRequest} and keeps its spans. */
final class OtlpReceiver implements AutoCloseable {

    /** A received span with its attributes as text, and the service it came from. */
    record ReceivedSpan(Span span, String service, Map<String, String> attributes) {

        String name() {
            return span.getName();
        }

        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            try (InputStream body = exchange.getRequestBody()) {
                receive(ExportTraceServiceRequest.parseFrom(body));
            } catch (IOException | RuntimeException undecodable) {
                failures.add(undecodable);
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** Posts the receiver could not decode. */
    List<Exception> failures() {
        return List.copyOf(failures);
    }

    void clear() {
        spans.clear();
    }

    private void receive(ExportTraceServiceRequest request) {
        request.getResourceSpansList().forEach(resource -> {
            String service = text(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            resource.getScopeSpansList()
                    .forEach(scope -> scope.getSpansList()
                            .forEach(span ->
                                    spans.add(new ReceivedSpan(span, service, text(span.getAttributesList())))));
        });
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, pair -> text(pair.getValue())));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
