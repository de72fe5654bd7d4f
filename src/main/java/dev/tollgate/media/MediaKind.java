package dev.tollgate.media;

public enum MediaKind {
    IMAGE,
    VIDEO
}
