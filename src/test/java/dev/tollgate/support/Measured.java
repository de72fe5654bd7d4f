package dev.tollgate.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a piece of work cost the thread that ran it: bytes allocated and CPU time, which other processes on a busy
 * machine do not inflate the way they inflate wall-clock time.
 *
 * @param result what the work returned
 */
public record Measured<T>(T result, long allocatedBytes, Duration cpuTime) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static <T> Measured<T> of(Supplier<T> work) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        T result = work.get();
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        return new Measured<>(
                result, THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore, Duration.ofNanos(cpu));
    }

    public long allocatedMegabytes() {
        return allocatedBytes / 1_000_000;
    }

    @Override
    public String toString() {
        return allocatedMegabytes() + " MB allocated, " + cpuTime.toMillis() + " ms CPU";
    }
}
