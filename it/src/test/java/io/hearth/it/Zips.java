package io.hearth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Deployment packages for tests, built by the system {@code zip} tool from a temp directory exactly
 * as a user would (the JDK cannot record unix modes, and a {@code bootstrap} must stay executable).
 */
final class Zips {
    private Zips() {}

    static SdkBytes of(Map<String, String> files) {
        return SdkBytes.fromByteArray(bytes(files));
    }

    static byte[] bytes(Map<String, String> files) {
        try {
            Path dir = Files.createTempDirectory("hearth-zip");
            for (var e : files.entrySet()) {
                Path f = dir.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                if (e.getKey().equals("bootstrap") || e.getKey().endsWith(".sh")) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Path zip = dir.resolveSibling(dir.getFileName() + ".zip");
            var p = new ProcessBuilder("zip", "-q", "-r", zip.toString(), ".").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("zip failed: " + out);
            byte[] bytes = Files.readAllBytes(zip);
            Files.delete(zip);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] raw(String... nameThenContent) {
        var out = new ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(out)) {
            for (int i = 0; i < nameThenContent.length; i += 2) {
                z.putNextEntry(new java.util.zip.ZipEntry(nameThenContent[i]));
                z.write(nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
