package dev.tollgate.usage;

public enum UsageKind {
    CHAT,
    IMAGE,
    EDIT,
    VIDEO
}
