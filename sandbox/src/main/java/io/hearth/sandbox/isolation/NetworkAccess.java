package io.hearth.sandbox.isolation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What network a function's sandbox has besides its own loopback (where the Runtime API relay
 * lives), a per-function setting. {@link #NONE}: nothing else; the default. {@link #OUTBOUND}: a
 * route out through the host (slirp4netns, see {@link OutboundNetwork}) to every address the host
 * itself reaches except its loopback. Only namespace isolation enforces either: without it a
 * sandbox is a plain process on the host's network. A later {@code egress} level (outbound limited
 * to listed destinations) would be a third value whose sandbox network applies the rules.
 */
public enum NetworkAccess {
    NONE, OUTBOUND;

    /**
     * The access spelled {@code text} ({@code none} or {@code outbound}, case-insensitive).
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static NetworkAccess parse(String text) {
        if (text != null) {
            for (NetworkAccess access : values()) {
                if (access.id().equals(text.trim().toLowerCase(Locale.ROOT))) return access;
            }
        }
        throw new IllegalArgumentException("network access must be " + Arrays.stream(values())
                .map(NetworkAccess::id).collect(Collectors.joining(" or ")) + ", got '" + text + "'");
    }

    /** How the access is spelled in settings. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
