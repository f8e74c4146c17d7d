package io.hearth.model;

/** What GetAccountSettings reports. */
public record AccountLimits(int concurrentExecutions, int unreservedConcurrentExecutions, long codeSizeUnzipped,
                            long codeSizeZipped, long totalCodeSize, long codeSizeUsed, long functionCount) {}
