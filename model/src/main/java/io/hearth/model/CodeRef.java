package io.hearth.model;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A deployment package identified by the SHA-256 of its zip bytes. */
public record CodeRef(String sha256Hex, long size) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public CodeRef {
        if (sha256Hex == null || !HEX64.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256Hex);
        }
        if (size < 0) throw new IllegalArgumentException("negative size");
    }

    /** {@code CodeSha256} as Lambda reports it: base64 of the raw digest. */
    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }
}
