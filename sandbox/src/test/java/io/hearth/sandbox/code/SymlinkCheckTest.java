package io.hearth.sandbox.code;

import static io.hearth.sandbox.code.Refused.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymlinkCheckTest {
    private final ZipValidator validator = new ZipValidator(ZipLimits.lambda());

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "../../etc/passwd", "/etc/passwd", "/", "..", "a/../..", "./../x"})
    void refusesLinksThatLeaveThePackage(String target) {
        TestZip zip = new TestZip();
        zip.file("a/file", "x");
        zip.symlink("link", target);

        assertRefused(() -> validator.validate(zip.bytes()),
                "'link' refused: symbolic link target '" + target + "' resolves outside the package");
    }

    @Test
    void refusesALinkThatLeavesThroughAnotherLinkThoughItLooksInsideTextually() {
        TestZip zip = new TestZip();
        zip.symlink("p", ".");
        zip.symlink("q", "p/../etc");

        assertRefused(() -> validator.validate(zip.bytes()), "'q' refused: symbolic link target 'p/../etc' resolves outside");
    }

    @Test
    void refusesALinkInASubdirectoryThatClimbsTooFar() {
        TestZip zip = new TestZip();
        zip.symlink("a/b/up", "../../..");

        assertRefused(() -> validator.validate(zip.bytes()), "'a/b/up' refused", "resolves outside");
    }

    @Test
    void acceptsLinksThatStayInside() {
        TestZip zip = new TestZip();
        zip.file("data/file.txt", "x");
        zip.symlink("lib/to-file", "../data/file.txt");
        zip.symlink("lib/to-dir", "../data");
        zip.symlink("root", ".");
        zip.symlink("self-dir", "lib/to-dir/./file.txt");
        zip.symlink("dangling", "missing/file");

        assertThat(validator.validate(zip.bytes()).entries()).isEqualTo(6);
    }

    @Test
    void acceptsTextualClimbsThatStayInsideThroughADeepLink() {
        TestZip zip = new TestZip();
        zip.file("a/b/c/file", "x");
        zip.symlink("deep", "a/b/c");
        zip.symlink("up", "deep/../../b");

        assertThat(validator.validate(zip.bytes()).entries()).isEqualTo(3);
    }

    @Test
    void refusesLinkLoops() {
        TestZip zip = new TestZip();
        zip.symlink("a", "b");
        zip.symlink("b", "a");

        assertRefused(() -> validator.validate(zip.bytes()), "'a' refused: too many levels of symbolic links");
    }

    @Test
    void refusesEntriesBelowALink() {
        TestZip linkFirst = new TestZip();
        linkFirst.file("real/x", "x");
        linkFirst.symlink("link", "real");
        linkFirst.file("link/evil", "written through the link");
        TestZip linkLast = new TestZip();
        linkLast.file("link/evil", "x");
        linkLast.symlink("link", "/etc");

        assertRefused(() -> validator.validate(linkFirst.bytes()), "'link/evil' refused: it lies below the symbolic link 'link'");
        assertRefused(() -> validator.validate(linkLast.bytes()), "'link/evil' refused: it lies below the symbolic link 'link'");
    }

    @Test
    void refusesEmptyAndOverlongTargets() {
        TestZip empty = new TestZip();
        empty.symlink("link", "");
        TestZip overlong = new TestZip();
        overlong.symlink("link", "a/".repeat(2048));

        assertRefused(() -> validator.validate(empty.bytes()), "'link' refused: the symbolic link target is empty");
        assertRefused(() -> validator.validate(overlong.bytes()), "'link' refused: the symbolic link target is too long");
    }
}
