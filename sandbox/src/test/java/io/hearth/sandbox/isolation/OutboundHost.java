package io.hearth.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the outbound network tests need of the host: slirp4netns (required in CI, else the test
 * is skipped saying so), and an IPv4 address of the host that is not loopback, where a test's
 * server stands in for a service the host offers on its network.
 */
final class OutboundHost {
    private OutboundHost() {}

    /** Skips the calling test when slirp4netns is missing, except in CI, where it fails. */
    static void assumeSlirp() {
        if (Files.isExecutable(OutboundNetwork.SLIRP4NETNS)) return;
        String why = OutboundNetwork.SLIRP4NETNS + " is not installed (Debian package slirp4netns)";
        if ("true".equals(System.getenv("CI"))) fail("outbound network must work in CI: " + why);
        Assumptions.abort("outbound network is not available here: " + why);
    }

    /** A non-loopback, non-link-local IPv4 address of an interface that is up; skips the test when there is none. */
    static InetAddress address() throws IOException {
        return interfaces()
                .filter(OutboundHost::usable)
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()
                        && !a.isAnyLocalAddress())
                .findFirst()
                .orElseGet(() -> {
                    Assumptions.abort("this machine has no non-loopback IPv4 address to offer a service on");
                    return null;
                });
    }

    private static Stream<NetworkInterface> interfaces() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream();
    }

    private static boolean usable(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
