package io.hearth.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --endpoint} option every client command takes, resolved against HEARTH_ENDPOINT. */
final class EndpointOption {
    static final String ENV = "HEARTH_ENDPOINT";
    static final String DEFAULT = "http://127.0.0.1:4327";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Hearth server to talk to (default: $HEARTH_ENDPOINT, else " + DEFAULT + ").")
    String endpoint;

    /** The option, else the environment variable, else the default; must be an http(s) URL with a host. */
    URI resolve(Map<String, String> environment) throws ClientFailure.Input {
        String value = endpoint;
        if (value == null || value.isBlank()) {
            value = environment.get(ENV);
        }
        if (value == null || value.isBlank()) {
            value = DEFAULT;
        }
        return parse(value.strip());
    }

    static URI parse(String value) throws ClientFailure.Input {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new ClientFailure.Input("invalid endpoint '" + value + "': " + e.getMessage());
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean bare = uri.getRawQuery() == null && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        if (!http || uri.getHost() == null || !bare) {
            throw new ClientFailure.Input("invalid endpoint '" + value
                    + "': expected http://HOST[:PORT] or https://HOST[:PORT], e.g. " + DEFAULT);
        }
        return uri;
    }
}
