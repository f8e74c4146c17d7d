package io.hearth.runtime.java;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Runtime API as the runtime uses it: poll for the next event, post a response, an invocation
 * error or an init error. Any answer other than the contract's (200 for {@code /next}, 202 for the
 * posts) to {@code /next} or an init error, or a connection failure, is a {@link RuntimeApiException}:
 * the runtime cannot go on and exits. A refused response (413 too large, 400 unknown id) is reported
 * to the caller, which logs it and polls again — the platform has already failed that invocation.
 */
final class RuntimeClient {
    private final HttpChannel http;
    private final RuntimeApiAddress address;
    private final String nextPath;

    RuntimeClient(HttpChannel http, RuntimeApiAddress address) {
        this.http = http;
        this.address = address;
        this.nextPath = address.path("/runtime/invocation/next");
    }

    Invocation next() {
        HttpResponse r = call("GET", nextPath, "", null, 0);
        if (r.status() != 200) {
            throw new RuntimeApiException("GET " + nextPath + " answered " + r.status() + ": " + text(r.body()));
        }
        try {
            return Invocation.from(r);
        } catch (IllegalStateException e) {
            throw new RuntimeApiException(e.getMessage());
        }
    }

    /** Posts a result; returns the status (202 accepted, otherwise refused). */
    int respond(String requestId, byte[] body, int length) {
        return call("POST", address.path("/runtime/invocation/" + segment(requestId) + "/response"), "", body, length)
                .status();
    }

    /** Posts an invocation error; returns the status (202 accepted, otherwise refused). */
    int fail(String requestId, ErrorReport error) {
        byte[] body = error.toJson();
        return call("POST", address.path("/runtime/invocation/" + segment(requestId) + "/error"),
                errorTypeHeader(error), body, body.length).status();
    }

    void initError(ErrorReport error) {
        byte[] body = error.toJson();
        String path = address.path("/runtime/init/error");
        HttpResponse r = call("POST", path, errorTypeHeader(error), body, body.length);
        if (r.status() != 202) {
            throw new RuntimeApiException("POST " + path + " answered " + r.status() + ": " + text(r.body()));
        }
    }

    private HttpResponse call(String method, String path, String headers, byte[] body, int length) {
        try {
            return http.exchange(method, path, headers, body, length);
        } catch (IOException e) {
            throw new RuntimeApiException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static String errorTypeHeader(ErrorReport error) {
        String type = error.errorType() == null ? "Runtime.Unknown" : error.errorType();
        var sb = new StringBuilder(type.length());
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            sb.append(c < 0x20 || c > 0x7e ? '_' : c);
        }
        return "Lambda-Runtime-Function-Error-Type: " + sb + "\r\n";
    }

    /** Request ids are UUIDs; anything else is percent-encoded so it stays one path segment. */
    static String segment(String id) {
        var sb = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    private static String text(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
