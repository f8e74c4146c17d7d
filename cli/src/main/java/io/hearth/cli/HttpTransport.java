package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends requests to one Hearth endpoint over HTTP/1.1 and maps everything that is not a success
 * to a {@link ClientFailure}: a status of 400 or more to {@link ClientFailure.Api} (type from
 * {@code x-amzn-ErrorType}, else the body's {@code __type}/{@code code}; message from
 * {@code x-amzn-error-message}, else the body's {@code message}/{@code Message}), a refused or
 * timed-out connection to {@link ClientFailure.Unreachable}.
 */
final class HttpTransport implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_RAW_MESSAGE = 500;

    private final URI endpoint;
    private final HttpClient http;
    private final String userAgent;

    HttpTransport(URI endpoint, String userAgent) {
        this.endpoint = endpoint;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * One exchange. {@code pathAndQuery} is already encoded; {@code body} null sends none;
     * {@code timeout} null waits as long as the server takes (a sync invoke may last 15 minutes).
     */
    ApiResponse send(String method, String pathAndQuery, byte[] body, Map<String, String> headers, Duration timeout)
            throws ClientFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("User-Agent", userAgent);
        headers.forEach(request::header);
        if (timeout != null) {
            request.timeout(timeout);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ClientFailure.Unreachable(
                    "cannot reach Hearth at " + endpoint + " (is `hearth server` running?)", e);
        } catch (IOException e) {
            throw new ClientFailure.Unreachable("request to Hearth at " + endpoint + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientFailure.Unreachable("interrupted while waiting for Hearth at " + endpoint, e);
        }
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.headers(), response.body());
        }
        return new ApiResponse(response.statusCode(), response.headers(), response.body());
    }

    static ClientFailure.Api error(int status, HttpHeaders headers, byte[] body) {
        Optional<JsonNode> json = Json.tryParse(body);
        String type = headers.firstValue("x-amzn-ErrorType")
                .or(() -> json.map(j -> Json.text(j, "__type", Json.text(j, "code", null))))
                .map(HttpTransport::bareType)
                .orElse("HTTP " + status);
        String message = headers.firstValue("x-amzn-error-message")
                .or(() -> json.map(j -> Json.text(j, "message", Json.text(j, "Message", null))))
                .orElseGet(() -> rawMessage(status, body));
        return new ClientFailure.Api(status, type, message);
    }

    /** {@code ResourceNotFoundException:http://internal/} and {@code ns#Code} forms reduced to the code. */
    private static String bareType(String type) {
        String t = type;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            t = t.substring(0, colon);
        }
        int hash = t.lastIndexOf('#');
        return hash >= 0 ? t.substring(hash + 1) : t;
    }

    private static String rawMessage(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "the server answered " + status + " without a message";
        }
        return text.length() > MAX_RAW_MESSAGE ? text.substring(0, MAX_RAW_MESSAGE) + "…" : text;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        http.close();
    }
}
