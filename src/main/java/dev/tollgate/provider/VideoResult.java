package dev.tollgate.provider;

import org.jspecify.annotations.Nullable;

/** A finished video as downloaded: its size, and a poster frame (JPEG) when the upstream gives or makes one. */
public record VideoResult(int width, int height, @Nullable byte[] posterJpeg) {}
