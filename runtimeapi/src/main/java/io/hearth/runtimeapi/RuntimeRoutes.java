package io.hearth.runtimeapi;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;

/**
 * The route table of the Runtime API, as a runtime sees it under its session prefix:
 *
 * <pre>
 *   GET    /s/{token}/2018-06-01/runtime/invocation/next            → next event (long poll)
 *   POST   /s/{token}/2018-06-01/runtime/invocation/{id}/response   → 202
 *   POST   /s/{token}/2018-06-01/runtime/invocation/{id}/error      → 202
 *   POST   /s/{token}/2018-06-01/runtime/init/error                 → 202
 *   GET    /s/{token}/hearth/v1/kv/{key}?namespace=                 → 200 raw value | 404 KeyNotFound
 *   PUT    /s/{token}/hearth/v1/kv/{key}?namespace=   (body: value) → 200 {"version":N}
 *   DELETE /s/{token}/hearth/v1/kv/{key}?namespace=                 → 200 {"version":N}
 *   GET    /s/{token}/hearth/v1/kv?prefix=&after=&limit=&namespace= → 200 {"items":[…],"next":…}
 * </pre>
 *
 * Parsing is one split of the raw (still percent-encoded) path; the key-value part and its query
 * are parsed by {@link KvRequests}. Anything else is {@link Route.Unknown}; a key-value route with
 * bad input is {@link Route.BadRequest}.
 */
final class RuntimeRoutes {
    static final String SESSION_PREFIX = "s";
    private static final String API_VERSION = "2018-06-01";
    private static final String HEARTH_API = "hearth/v1/";

    private RuntimeRoutes() {}

    sealed interface Route {
        String token();

        record Next(String token) implements Route {}

        record Response(String token, String requestId) implements Route {}

        record Error(String token, String requestId) implements Route {}

        record InitError(String token) implements Route {}

        record Kv(String token, KvCommand command) implements Route {}

        record BadRequest(String token, ErrorCode code, String message) implements Route {}

        record Unknown(String token) implements Route {}
    }

    static Route match(String method, String path, String query) {
        String[] p = path.split("/", -1);
        // "", "s", token, ...
        if (p.length < 4 || !p[0].isEmpty() || !p[1].equals(SESSION_PREFIX)) return new Route.Unknown(null);
        String token = p[2];
        if (p[3].equals(API_VERSION)) return runtime(method, token, p);
        String rest = path.substring(SESSION_PREFIX.length() + token.length() + 3);  // after "/s/{token}/"
        if (rest.startsWith(HEARTH_API)) return kv(method, token, rest.substring(HEARTH_API.length()), query);
        return new Route.Unknown(null);
    }

    private static Route runtime(String method, String token, String[] p) {
        // "", "s", token, "2018-06-01", "runtime", ...
        if (p.length < 6 || !p[4].equals("runtime")) return new Route.Unknown(null);
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (p.length == 7 && p[5].equals("invocation") && p[6].equals("next") && get) {
            return new Route.Next(token);
        }
        if (p.length == 8 && p[5].equals("invocation") && post) {
            if (p[7].equals("response")) return new Route.Response(token, p[6]);
            if (p[7].equals("error")) return new Route.Error(token, p[6]);
        }
        if (p.length == 7 && p[5].equals("init") && p[6].equals("error") && post) {
            return new Route.InitError(token);
        }
        return new Route.Unknown(token);
    }

    private static Route kv(String method, String token, String rest, String query) {
        if (!rest.equals("kv") && !rest.startsWith("kv/")) return new Route.Unknown(token);
        try {
            KvCommand command = KvRequests.parse(method, rest, query);
            return command == null ? new Route.Unknown(token) : new Route.Kv(token, command);
        } catch (HearthException e) {
            return new Route.BadRequest(token, e.code(), e.getMessage());
        }
    }
}
