package io.hearth.sandbox.code;

import static io.hearth.sandbox.code.Refused.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryNameRefusalTest {
    private final ZipValidator validator = new ZipValidator(ZipLimits.lambda());

    private byte[] zipWith(String name) {
        TestZip zip = new TestZip();
        zip.file("ok.txt", "fine");
        zip.file(name, "evil");
        return zip.bytes();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../evil.txt              | '..' path segments are not allowed",
        "a/../../evil.txt         | '..' path segments are not allowed",
        "a/b/../c.txt             | '..' path segments are not allowed",
        "..                       | '..' path segments are not allowed",
        "/etc/cron.d/evil         | absolute paths are not allowed",
        "//server/share/evil      | absolute paths are not allowed",
        "C:/Windows/evil.txt      | drive letters are not allowed",
        "c:evil.txt               | drive letters are not allowed",
        "C:\\Windows\\evil.txt    | backslashes are not allowed",
        "..\\..\\evil.txt         | backslashes are not allowed",
        "dir\\file.txt            | backslashes are not allowed",
    })
    void refusesHostileNames(String name, String reason) {
        assertRefused(() -> validator.validate(zipWith(name)), "Deployment package entry '" + name + "' refused: " + reason);
    }

    @Test
    void refusesNulInNames() {
        assertRefused(() -> validator.validate(zipWith("evil\0.txt")), "'evil\\x00.txt'", "NUL characters are not allowed");
    }

    @Test
    void refusesNamesThatAreNotUtf8() {
        TestZip zip = new TestZip();
        zip.raw(new byte[] {'a', (byte) 0xFF, 'b'}, new byte[] {1});

        assertRefused(() -> validator.validate(zip.bytes()), "the name is not valid UTF-8");
    }

    @Test
    void refusesOverlongSegments() {
        String longName = "d/" + "x".repeat(256);

        assertRefused(() -> validator.validate(zipWith(longName)), "a path segment is longer than 255 bytes");
        assertThat(validator.validate(zipWith("d/" + "x".repeat(255))).entries()).isEqualTo(2);
    }

    @Test
    void refusesAFileNamedLikeThePackageRoot() {
        assertRefused(() -> validator.validate(zipWith(".")), "'.' refused: the name designates no file");
    }

    @Test
    void acceptsDotSegmentsColonsAndDoubleSlashesThatStayInside() {
        TestZip zip = new TestZip();
        zip.dir("./");
        zip.file("./a.txt", "a");
        zip.file("b//c.txt", "c");
        zip.file("dir/name:with:colons", "d");
        zip.file("...", "dots are a name");

        assertThat(validator.validate(zip.bytes()).entries()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.txt  | a.txt   | duplicate entry name",
        "a.txt  | ./a.txt | duplicate entry name",
        "d/a    | d//a    | duplicate entry name",
    })
    void refusesDuplicateFiles(String first, String second, String reason) {
        TestZip zip = new TestZip();
        zip.file(first, "one");
        zip.file(second, "two");

        assertRefused(() -> validator.validate(zip.bytes()), "'" + second + "' refused: " + reason);
    }

    @Test
    void refusesDuplicateDirectoriesAndFileDirectoryClashes() {
        TestZip dirs = new TestZip();
        dirs.dir("d/");
        dirs.dir("d/");
        TestZip fileThenDir = new TestZip();
        fileThenDir.file("a", "file");
        fileThenDir.file("a/b", "below a file");
        TestZip dirThenFile = new TestZip();
        dirThenFile.file("a/b", "x");
        dirThenFile.file("a", "file where a directory is");
        TestZip explicitDirThenFile = new TestZip();
        explicitDirThenFile.dir("a/");
        explicitDirThenFile.file("a", "x");

        assertRefused(() -> validator.validate(dirs.bytes()), "'d/' refused: duplicate entry name");
        assertRefused(() -> validator.validate(fileThenDir.bytes()), "'a/b' refused: 'a' is a file, not a directory");
        assertRefused(() -> validator.validate(dirThenFile.bytes()), "'a' refused: it is both a file and a directory");
        assertRefused(() -> validator.validate(explicitDirThenFile.bytes()), "'a' refused: duplicate entry name");
    }

    @Test
    void acceptsAnExplicitDirectoryAfterFilesInsideIt() {
        TestZip zip = new TestZip();
        zip.file("d/a", "x");
        zip.dir("d/");

        assertThat(validator.validate(zip.bytes()).entries()).isEqualTo(2);
    }

    @Test
    void quotesNamesWithControlCharactersAndCutsLongOnes() {
        String name = "../" + "\n".repeat(3) + "y".repeat(300);

        assertRefused(() -> validator.validate(zipWith(name)), "'../\\x0a\\x0a\\x0a" + "y".repeat(194) + "...'");
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(200);
    }
}
