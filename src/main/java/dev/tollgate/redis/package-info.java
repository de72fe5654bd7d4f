/**
 * The one connection to Redis every module shares, when {@code tollgate.redis.url} is set: state that several
 * replicas must agree on (per-key request limits, channel cooldowns) lives there, and messages between replicas
 * travel over its publish/subscribe channels. Unset, no bean of this module exists and nothing connects: a single
 * instance keeps that state in its own memory.
 */
@NullMarked
package dev.tollgate.redis;

import org.jspecify.annotations.NullMarked;
