package io.hearth.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Captures a sandbox's stdout and stderr through a file the process appends to (O_APPEND), read
 * from the last offset after each invocation. Because a runtime flushes before it posts its
 * answer, everything an invocation printed is in the file when the answer arrives: attribution
 * needs no reader thread and no race with one. The file is truncated once it grows large.
 */
final class OutputCapture implements AutoCloseable {
    private static final long TRUNCATE_AT = 8L * 1024 * 1024;
    private static final int MAX_PER_INVOCATION = 256 * 1024;
    private final Path file;
    private final FileChannel channel;
    private long offset;

    OutputCapture(Path file) {
        this.file = file;
        try {
            Files.deleteIfExists(file);
            Files.createFile(file);
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sandbox log " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Everything written since the last call (at most 256 KB; the rest is skipped and noted). */
    synchronized String drain() {
        try {
            long size = channel.size();
            if (size <= offset) return "";
            long available = size - offset;
            int n = (int) Math.min(available, MAX_PER_INVOCATION);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining()) {
                if (channel.read(buf, offset + buf.position()) < 0) break;
            }
            offset = size;
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            if (available > n) text += "\n[hearth: " + (available - n) + " more bytes of output not kept]\n";
            if (size > TRUNCATE_AT) {
                channel.truncate(0);
                offset = 0;
            }
            return text;
        } catch (IOException e) {
            return "[hearth: cannot read sandbox output: " + e.getMessage() + "]\n";
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the sandbox directory is cleaned at the next start
        }
    }
}
