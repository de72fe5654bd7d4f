#!/usr/bin/env python3
"""Charges each JFR CPU sample of the gateway to the request stage it was in, and prints the shares as a table.

    jfr print --events jdk.ExecutionSample --stack-depth 300 recording.jfr > samples.txt
    bench/profile-stages.py samples.txt [CPU microseconds per request]

or from async-profiler's collapsed stacks (one line per stack, frames root first, separated by ';', then the count),
which also name the system calls and the JVM's collector and compiler threads:

    bench/profile-stages.py profile.collapsed [CPU microseconds per request]

A sample belongs to the stage of the frame nearest the top of its stack that names one: the JSON a billing query
parses is JSON, the SQL a key lookup runs is JDBC. Frames of the JDK's own collections, strings and locks name no stage
and are charged to whoever called them. With the CPU per request (measured apart, from /proc without the recorder),
each share is also given in microseconds.
"""
import collections
import re
import sys

STAGES = [
    # async-profiler's stacks go on into the C library and the kernel: a socket's system calls are charged to the
    # system call, not to whoever made it, and so are the JVM's own threads by what they do
    ("socket writes (system calls)", ["__GI_write", "__libc_write", "writev"]),
    ("socket reads (system calls)", ["__GI_read", "__libc_read", "readv"]),
    ("epoll (the JDK's poller for virtual threads)", ["epoll_wait", "epoll_ctl"]),
    ("garbage collection", ["G1", "ZGC", "ZHeap", "PSScavenge", "ParallelScavenge"]),
    ("JIT compilers", ["CompileBroker"]),
    ("token counting (BPE)", ["com.knuddels.jtokkit", "dev.tollgate.provider.tokens", "TokenCounter"]),
    ("upstream HTTP client", ["org.apache.hc", "jdk.internal.net.http", "java.net.http", "dev.tollgate.provider.http"]),
    ("upstream adapter, SSE parsing", ["dev.tollgate.provider.openai"]),
    ("JDBC driver, pool", ["org.postgresql", "com.zaxxer.hikari"]),
    ("transactions, JPA, Spring Data", ["org.springframework.transaction", "org.springframework.orm", "org.hibernate",
                                        "org.springframework.jdbc", "org.springframework.data"]),
    ("JSON (Jackson)", ["tools.jackson", "com.fasterxml.jackson"]),
    ("observations, metrics (Micrometer)", ["io.micrometer"]),
    ("logging", ["ch.qos.logback", "org.slf4j"]),
    ("key authentication", ["dev.tollgate.apikey"]),
    ("billing: hold, settle", ["dev.tollgate.billing"]),
    ("usage row", ["dev.tollgate.usage"]),
    ("call pipeline", ["dev.tollgate.calls"]),
    ("gateway: parse, write reply", ["dev.tollgate.gateway"]),
    ("routing, channels", ["dev.tollgate.provider"]),
    ("other application code", ["dev.tollgate"]),
    ("security filter chain", ["org.springframework.security"]),
    ("Spring MVC, servlet filters", ["org.springframework."]),
    ("HTTP server (Tomcat)", ["org.apache.tomcat", "org.apache.coyote", "org.apache.catalina", "jakarta.servlet"]),
]
FRAME = re.compile(r"^\s+([\w.$<>/]+\.[\w$<>]+)\(", re.M)


def stage_of(frames):
    for frame in frames:
        for name, markers in STAGES:
            if any(frame.startswith(marker) or marker in frame for marker in markers):
                return name
    return "JVM threads and the JDK (schedulers, pools)"


def collapsed_counts(path):
    """Stages of async-profiler's collapsed stacks: frames root first, `/` between package parts."""
    counts = collections.Counter()
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = [frame.replace("/", ".") for frame in stack.split(";")]
        counts[stage_of(reversed(frames))] += int(count)
    return counts


def main():
    per_request = float(sys.argv[2]) if len(sys.argv) > 2 else None
    if sys.argv[1].endswith(".collapsed"):
        counts = collapsed_counts(sys.argv[1])
    else:
        samples = open(sys.argv[1]).read().split("jdk.ExecutionSample {")[1:]
        counts = collections.Counter(stage_of(FRAME.findall(sample)) for sample in samples)
    total = sum(counts.values())
    print("| stage | samples | share |" + (" CPU µs per request |" if per_request else ""))
    print("|---|---:|---:|" + ("---:|" if per_request else ""))
    for name, count in counts.most_common():
        share = count / total
        row = f"| {name} | {count} | {100 * share:.1f} % |"
        print(row + (f" {share * per_request:.0f} |" if per_request else ""))
    print(f"| total | {total} | 100 % |" + (f" {per_request:.0f} |" if per_request else ""))


if __name__ == "__main__":
    main()
