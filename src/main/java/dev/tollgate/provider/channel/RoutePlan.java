package dev.tollgate.provider.channel;

import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order in which a request tries the channels serving its model: lower priority numbers first; within one
 * priority a random order in which each channel comes first with a chance proportional to its weight (weighted
 * sampling without replacement: each draws u^(1/weight) and the highest goes first).
 */
final class RoutePlan {

    private RoutePlan() {}

    static List<LiveChannel> order(List<LiveChannel> channels, RandomGenerator random) {
        record Drawn(LiveChannel channel, double key) {}
        return channels.stream()
                .map(channel -> new Drawn(
                        channel,
                        Math.pow(random.nextDouble(), 1.0 / channel.row().weight())))
                .sorted(Comparator.comparingInt((Drawn d) -> d.channel().row().priority())
                        .thenComparing(Drawn::key, Comparator.reverseOrder()))
                .map(Drawn::channel)
                .toList();
    }
}
