package io.hearth.model;

import java.time.Instant;

/**
 * Why a request to an idempotent function was answered as it was: {@code replayed} true with
 * the prior request id it replayed, or false with the reason it ran ("no prior record",
 * "kv:prices changed 4→5", "code changed", "expired", "dependency unreachable: …").
 */
public record IdempotencyDecision(String requestId, String functionName, boolean replayed, String priorRequestId,
                                  String reason, Instant decidedAt) {}
