package io.hearth.cli;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A successful (status below 400) answer of the server. */
record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
