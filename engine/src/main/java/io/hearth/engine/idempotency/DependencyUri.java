package io.hearth.engine.idempotency;

import io.hearth.model.HearthException;
import io.hearth.model.KvNamespaces;
import java.net.URI;
import java.nio.file.Path;

/**
 * A declared or tracked dependency, parsed from its URI:
 * <ul>
 *   <li>{@code kv:KEY} — a key of the function's own namespace; {@code kv://NS/KEY} — a key of
 *       the shared namespace NS;</li>
 *   <li>{@code http://…}, {@code https://…} — a resource on the network (ETag, else Last-Modified);</li>
 *   <li>{@code file:/ABSOLUTE/PATH} — a file on the Hearth host (size, mtime, content hash);</li>
 *   <li>{@code code:} — the function version's code and configuration (always present).</li>
 * </ul>
 */
sealed interface DependencyUri {

    record Kv(String sharedNamespace, String key) implements DependencyUri {
        String namespaceId(String functionName) {
            return KvNamespaces.resolve(functionName, sharedNamespace);
        }
    }

    record Http(URI uri) implements DependencyUri {}

    record File(Path path) implements DependencyUri {}

    record Code() implements DependencyUri {}

    String CODE = "code:";

    static DependencyUri parse(String uri) {
        if (uri.equals(CODE)) return new Code();
        if (uri.startsWith("kv://")) {
            String rest = uri.substring(5);
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) throw bad(uri, "kv://NAMESPACE/KEY");
            String ns = rest.substring(0, slash);
            KvNamespaces.shared(ns);
            return new Kv(ns, rest.substring(slash + 1));
        }
        if (uri.startsWith("kv:")) {
            String key = uri.substring(3);
            if (key.isEmpty()) throw bad(uri, "kv:KEY");
            return new Kv(null, key);
        }
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            try {
                URI u = URI.create(uri);
                if (u.getHost() == null) throw bad(uri, "http(s)://HOST/PATH");
                return new Http(u);
            } catch (IllegalArgumentException e) {
                throw bad(uri, "a valid http(s) URL");
            }
        }
        if (uri.startsWith("file:")) {
            String p = uri.startsWith("file://") ? uri.substring(7) : uri.substring(5);
            if (!p.startsWith("/")) throw bad(uri, "file:/ABSOLUTE/PATH");
            return new File(Path.of(p).normalize());
        }
        throw bad(uri, "kv:KEY, kv://NAMESPACE/KEY, http(s)://…, or file:/PATH");
    }

    /** The URI a tracked read of {@code key} in {@code sharedNamespace} (null = own) is recorded under. */
    static String ofKv(String sharedNamespace, String key) {
        return sharedNamespace == null ? "kv:" + key : "kv://" + sharedNamespace + "/" + key;
    }

    private static HearthException bad(String uri, String expected) {
        return HearthException.invalid("Dependency '" + uri + "' is not of the form " + expected);
    }
}
