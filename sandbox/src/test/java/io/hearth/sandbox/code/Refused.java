package io.hearth.sandbox.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test assertions shared by the code cache tests: refusals and file-tree snapshots. */
final class Refused {
    private Refused() {}

    /** Asserts {@code call} throws an INVALID_PARAMETER_VALUE HearthException whose message contains every part. */
    static void assertRefused(ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).contains(messageParts);
        });
    }

    /** Every path under {@code base} (links not followed), relative, with a type marker, sorted. */
    static List<String> tree(Path base) {
        try (Stream<Path> paths = Files.walk(base)) {
            return paths.map(p -> base.relativize(p) + (Files.isSymbolicLink(p) ? " -> link"
                            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
