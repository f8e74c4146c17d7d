package io.hearth.runtime.java;

import java.nio.file.Path;

/**
 * Where the Runtime API is: {@code AWS_LAMBDA_RUNTIME_API} is {@code host:port} optionally followed
 * by a path prefix ({@code 127.0.0.1:9001/s/TOKEN}); every request path starts with that prefix and
 * carries {@code host:port} as its Host header. When {@code HEARTH_RUNTIME_SOCKET} names a Unix-domain
 * socket, the runtime connects there instead of to host:port (a sandbox without a network), still
 * with the same prefix and Host header.
 *
 * @param host        host name or address, IPv6 without brackets
 * @param port        TCP port
 * @param hostHeader  {@code host:port} exactly as given
 * @param prefix      path prefix without a trailing slash, {@code ""} when none
 * @param unixSocket  Unix socket to connect to instead of TCP, or null
 */
record RuntimeApiAddress(String host, int port, String hostHeader, String prefix, Path unixSocket) {

    static RuntimeApiAddress parse(String spec, String unixSocket) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is not set");
        }
        String s = spec.trim();
        if (s.startsWith("http://")) s = s.substring("http://".length());
        int slash = s.indexOf('/');
        String authority = slash < 0 ? s : s.substring(0, slash);
        String prefix = slash < 0 ? "" : s.substring(slash);
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || colon == authority.length() - 1 || authority.lastIndexOf(']') > colon) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port[/prefix], got '" + spec + "'");
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API has a bad port: '" + spec + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API has a bad port: '" + spec + "'");
        }
        Path socket = unixSocket == null || unixSocket.isBlank() ? null : Path.of(unixSocket);
        return new RuntimeApiAddress(host, port, authority, prefix, socket);
    }

    /** The request path of a Runtime API route, e.g. {@code /runtime/invocation/next}. */
    String path(String route) {
        return prefix + "/2018-06-01" + route;
    }
}
