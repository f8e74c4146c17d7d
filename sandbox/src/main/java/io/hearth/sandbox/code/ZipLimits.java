package io.hearth.sandbox.code;

/**
 * Size limits a deployment package must respect, checked both at upload and when unpacking.
 *
 * @param maxEntries       most entries (files, directories, links) the archive may list
 * @param maxUnzippedBytes most bytes the entries may inflate to, counted as they are inflated
 * @param maxZippedBytes   largest archive accepted, at most {@link Integer#MAX_VALUE}
 */
public record ZipLimits(int maxEntries, long maxUnzippedBytes, long maxZippedBytes) {
    /** Lambda's unzipped deployment package quota (250 MB). */
    static final long LAMBDA_UNZIPPED = 262_144_000L;
    /** Lambda's direct-upload zip quota (50 MB). */
    static final long LAMBDA_ZIPPED = 52_428_800L;
    /**
     * The most entries a zip without ZIP64 can list. Lambda has no entry quota of its own; this bounds
     * the inodes one package creates while leaving room for large node_modules and site-packages trees.
     */
    static final int DEFAULT_ENTRIES = 65_535;

    public ZipLimits {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        if (maxUnzippedBytes < 1) {
            throw new IllegalArgumentException("maxUnzippedBytes must be positive: " + maxUnzippedBytes);
        }
        if (maxZippedBytes < 1 || maxZippedBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxZippedBytes must be in 1.." + Integer.MAX_VALUE + ": " + maxZippedBytes);
        }
    }

    /** Lambda's quotas: 65,535 entries, 262,144,000 bytes unzipped, 52,428,800 bytes zipped. */
    public static ZipLimits lambda() {
        return new ZipLimits(DEFAULT_ENTRIES, LAMBDA_UNZIPPED, LAMBDA_ZIPPED);
    }
}
