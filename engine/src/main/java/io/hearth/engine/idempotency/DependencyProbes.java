package io.hearth.engine.idempotency;

import io.hearth.model.FunctionVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the current state token of a dependency. Tokens are opaque and only compared:
 * {@code v7} (a KV key's version), {@code etag:"abc"} or {@code lm:…} (HTTP), {@code SIZE/MTIME/SHA}
 * (a file), the code token. Anything that cannot be read is {@link Unknowable}: the caller runs
 * the function, never replays on doubt.
 */
final class DependencyProbes {
    private final KvService kv;
    private final HttpClient http;
    private final Duration httpTimeout;
    /** File hashes by (path, size, mtime, inode): rehashed only when one of those changes. */
    private final ConcurrentHashMap<String, String> fileHashes = new ConcurrentHashMap<>();

    DependencyProbes(KvService kv, Duration httpTimeout) {
        this.kv = kv;
        this.httpTimeout = httpTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(httpTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    String token(String functionName, FunctionVersion version, String uri) throws Unknowable {
        return switch (DependencyUri.parse(uri)) {
            case DependencyUri.Code c -> RecordKeys.codeToken(version);
            case DependencyUri.Kv k -> "v" + kv.version(k.namespaceId(functionName), k.key());
            case DependencyUri.Http h -> httpToken(h);
            case DependencyUri.File f -> fileToken(f);
        };
    }

    private String httpToken(DependencyUri.Http h) throws Unknowable {
        try {
            var response = http.send(HttpRequest.newBuilder(h.uri()).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(httpTimeout).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new Unknowable("HEAD " + h.uri() + " answered " + response.statusCode());
            }
            var etag = response.headers().firstValue("ETag");
            if (etag.isPresent()) return "etag:" + etag.get();
            var lastModified = response.headers().firstValue("Last-Modified");
            if (lastModified.isPresent()) return "lm:" + lastModified.get();
            throw new Unknowable(h.uri() + " has neither ETag nor Last-Modified");
        } catch (IOException e) {
            throw new Unknowable(h.uri() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unknowable(h.uri() + ": interrupted");
        }
    }

    private String fileToken(DependencyUri.File f) throws Unknowable {
        try {
            var attrs = Files.readAttributes(f.path(), BasicFileAttributes.class);
            if (!attrs.isRegularFile()) throw new Unknowable(f.path() + " is not a regular file");
            String stat = attrs.size() + "/" + attrs.lastModifiedTime().toMillis() + "/" + attrs.fileKey();
            String hash = fileHashes.get(f.path() + "|" + stat);
            if (hash == null) {
                hash = hash(f);
                if (fileHashes.size() > 10_000) fileHashes.clear();
                fileHashes.put(f.path() + "|" + stat, hash);
            }
            return attrs.size() + "/" + attrs.lastModifiedTime().toMillis() + "/" + hash;
        } catch (NoSuchFileException e) {
            throw new Unknowable(f.path() + " does not exist");
        } catch (IOException e) {
            throw new Unknowable(f.path() + ": " + e.getMessage());
        }
    }

    private static String hash(DependencyUri.File f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f.path()), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 32);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
