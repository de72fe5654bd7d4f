package dev.tollgate.video;

import dev.tollgate.account.TeamId;

/** A job moved on (claimed, progressed, completed, failed, deleted), published on the instance that moved it. */
public record VideoJobChanged(VideoJobId id, TeamId team, VideoStatus status, int progress) {}
