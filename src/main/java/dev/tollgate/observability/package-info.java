/**
 * Watching the gateway run: Prometheus meters of its calls (requests, latency, time to first token, tokens and cost by
 * model, channel and dialect) and of its state (holds open, the video queue, the webhook backlog, channel circuits),
 * served on {@code /actuator/prometheus} to holders of the metrics token; and, when an OTLP endpoint is configured,
 * OpenTelemetry traces of model calls and their upstream attempts in the GenAI semantic conventions. It listens to
 * the events the call pipeline and failover publish, so the hot path carries no metering of its own.
 */
@NullMarked
package dev.tollgate.observability;

import org.jspecify.annotations.NullMarked;
