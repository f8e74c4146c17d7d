package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FakeCgroupFs}, the cgroup v2 file system the v2 tests run against (this build host has
 * no v2 controllers), and the kernel behaviour it must share: it refuses what the kernel refuses,
 * or the tests that use it would prove nothing.
 */
class CgroupFakeFsTest {
    @TempDir
    Path tmp;
    private Process sleeper;

    @AfterEach
    void stop() {
        if (sleeper != null) sleeper.destroyForcibly();
    }

    private FakeCgroupFs withService(long pid) throws IOException {
        var fs = new FakeCgroupFs(tmp, EnumSet.allOf(FakeCgroupFs.Feature.class), "cpu", "memory", "pids");
        fs.write(tmp.resolve("cgroup.subtree_control"), "+memory +pids");
        fs.createDirectory(tmp.resolve("service"));
        fs.write(tmp.resolve("service/cgroup.procs"), Long.toString(pid));
        return fs;
    }

    @Test
    void aCgroupWithProcessesCannotEnableControllersNorTakeProcessesOnceItHas() throws Exception {
        var fs = withService(ProcessHandle.current().pid());
        Path service = tmp.resolve("service");
        assertThatThrownBy(() -> fs.write(service.resolve("cgroup.subtree_control"), "+memory"))
                .hasMessageContaining("Device or resource busy");
        fs.createDirectory(service.resolve("leaf"));
        fs.write(service.resolve("leaf/cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        fs.write(service.resolve("cgroup.subtree_control"), "+memory");
        assertThatThrownBy(() -> fs.write(service.resolve("cgroup.procs"), "1"))
                .hasMessageContaining("Device or resource busy");
        fs.write(tmp.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));   // the root may
        assertThat(fs.pids(tmp)).containsExactly(ProcessHandle.current().pid());
        assertThat(fs.pids(service.resolve("leaf"))).isEmpty();
    }

    @Test
    void controllersAreEnabledTopDownAndBringTheirFiles() throws Exception {
        var fs = withService(ProcessHandle.current().pid());
        Path service = tmp.resolve("service");
        assertThat(fs.read(service.resolve("cgroup.controllers"))).isEqualTo("memory pids");
        assertThat(service.resolve("memory.max")).exists();
        assertThat(service.resolve("cpu.weight")).doesNotExist();
        assertThatThrownBy(() -> fs.write(tmp.resolve("cgroup.subtree_control"), "+io"))
                .hasMessageContaining("Invalid argument");
        fs.write(tmp.resolve("cgroup.subtree_control"), "+cpu");
        assertThat(fs.read(service.resolve("cpu.weight"))).isEqualTo("100");
        assertThatThrownBy(() -> fs.write(service.resolve("memory.nonexistent"), "1"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void rmdirIsRefusedWhileProcessesLiveThereAndCgroupKillEmptiesIt() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        var fs = withService(sleeper.pid());
        Path service = tmp.resolve("service");
        assertThatThrownBy(() -> fs.removeDirectory(service)).hasMessageContaining("Device or resource busy");
        fs.write(service.resolve("cgroup.kill"), "1");
        assertThat(fs.killed()).containsExactly(sleeper.pid());
        fs.removeDirectory(service);
        assertThat(service).doesNotExist();
    }

    @Test
    void aDeadProcessIsNoLongerListed() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        var fs = withService(sleeper.pid());
        assertThat(fs.read(tmp.resolve("service/cgroup.procs"))).isEqualTo(sleeper.pid() + "\n");
        sleeper.destroyForcibly().waitFor();
        assertThat(fs.read(tmp.resolve("service/cgroup.procs"))).isEmpty();
    }

    /**
     * A cgroup2 file system over a plain directory. Interface files are plain files, created with
     * their cgroup (and the controller's files when the parent enables it); the kernel's own values
     * ({@code memory.current}, {@code memory.peak}, {@code memory.events}) are set by the test.
     * {@code cgroup.procs} lists only processes still alive; {@code cgroup.kill} empties a
     * cgroup without killing anything (it records the pids); rmdir removes the files first.
     * A write to {@code memory.max} under {@code memory.current} counts an OOM kill, as the kernel
     * kills when it cannot reclaim.
     */
    static final class FakeCgroupFs implements CgroupFiles {
        enum Feature { PEAK, KILL, SWAP }

        private final Path root;
        private final Set<Feature> features;
        private final List<Long> killed = new ArrayList<>();

        FakeCgroupFs(Path root, Set<Feature> features, String... controllers) throws IOException {
            this.root = root;
            this.features = features;
            Files.createDirectories(root);
            Files.writeString(root.resolve("cgroup.controllers"), String.join(" ", controllers));
            Files.writeString(root.resolve("cgroup.subtree_control"), "");
            Files.writeString(root.resolve("cgroup.procs"), "");
        }

        @Override
        public synchronized String read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
            if (file.getFileName().toString().equals("cgroup.procs")) {
                return pids(file.getParent()).stream().map(p -> p + "\n").collect(Collectors.joining());
            }
            return Files.readString(file);
        }

        @Override
        public synchronized void write(Path file, String value) throws IOException {
            if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
            Path dir = file.getParent();
            switch (file.getFileName().toString()) {
                case "cgroup.subtree_control" -> control(dir, value.strip());
                case "cgroup.procs" -> move(dir, value.strip());
                case "cgroup.kill" -> kill(dir);
                case "memory.max" -> {
                    long current = Long.parseLong(Files.readString(dir.resolve("memory.current")).strip());
                    if (!value.equals("max") && current > Long.parseLong(value)) countOomKill(dir);
                    Files.writeString(file, value);
                }
                default -> Files.writeString(file, value);
            }
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public synchronized void createDirectory(Path dir) throws IOException {
            if (Files.exists(dir)) throw new FileAlreadyExistsException(dir.toString());
            if (!Files.exists(dir.getParent().resolve("cgroup.procs"))) throw new NoSuchFileException(dir.toString());
            Files.createDirectory(dir);
            Files.writeString(dir.resolve("cgroup.controllers"), "");
            Files.writeString(dir.resolve("cgroup.subtree_control"), "");
            Files.writeString(dir.resolve("cgroup.procs"), "");
            Files.writeString(dir.resolve("cgroup.type"), "domain\n");
            if (features.contains(Feature.KILL)) Files.writeString(dir.resolve("cgroup.kill"), "");
            for (String c : words(dir.getParent().resolve("cgroup.subtree_control"))) addController(dir, c);
        }

        @Override
        public synchronized void removeDirectory(Path dir) throws IOException {
            if (!subdirectories(dir).isEmpty() || !pids(dir).isEmpty()) {
                throw new IOException(dir + ": Device or resource busy");
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }

        @Override
        public List<Path> subdirectories(Path dir) throws IOException {
            try (var children = Files.list(dir)) {
                return children.filter(Files::isDirectory).sorted().toList();
            }
        }

        /** Sets a value only the kernel writes. */
        synchronized void set(Path file, String value) throws IOException {
            if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
            Files.writeString(file, value);
        }

        /** The live processes of {@code dir}. */
        synchronized List<Long> pids(Path dir) throws IOException {
            var out = new ArrayList<Long>();
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                long pid = Long.parseLong(line.strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) out.add(pid);
            }
            return out;
        }

        /** The pids emptied out by cgroup.kill. */
        synchronized List<Long> killed() {
            return List.copyOf(killed);
        }

        private void control(Path dir, String value) throws IOException {
            var enabled = new TreeSet<>(words(dir.resolve("cgroup.subtree_control")));
            for (String token : value.split("\\s+")) {
                String c = token.substring(1);
                if (token.startsWith("+")) {
                    if (!words(dir.resolve("cgroup.controllers")).contains(c)) throw new IOException(dir + ": Invalid argument");
                    if (!dir.equals(root) && !pids(dir).isEmpty()) throw new IOException(dir + ": Device or resource busy");
                    if (enabled.add(c)) {
                        for (Path child : subdirectories(dir)) addController(child, c);
                    }
                } else if (token.startsWith("-")) {
                    enabled.remove(c);
                    for (Path child : subdirectories(dir)) {
                        var theirs = new LinkedHashSet<>(words(child.resolve("cgroup.controllers")));
                        theirs.remove(c);
                        Files.writeString(child.resolve("cgroup.controllers"), String.join(" ", theirs));
                    }
                } else {
                    throw new IOException(dir + ": Invalid argument");
                }
            }
            Files.writeString(dir.resolve("cgroup.subtree_control"), String.join(" ", enabled));
        }

        private void addController(Path dir, String c) throws IOException {
            var theirs = new TreeSet<>(words(dir.resolve("cgroup.controllers")));
            theirs.add(c);
            Files.writeString(dir.resolve("cgroup.controllers"), String.join(" ", theirs));
            switch (c) {
                case "memory" -> {
                    Files.writeString(dir.resolve("memory.max"), "max");
                    Files.writeString(dir.resolve("memory.current"), "0");
                    Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
                    if (features.contains(Feature.PEAK)) Files.writeString(dir.resolve("memory.peak"), "0");
                    if (features.contains(Feature.SWAP)) Files.writeString(dir.resolve("memory.swap.max"), "max");
                }
                case "pids" -> {
                    Files.writeString(dir.resolve("pids.max"), "max");
                    Files.writeString(dir.resolve("pids.current"), "0");
                }
                case "cpu" -> Files.writeString(dir.resolve("cpu.weight"), "100");
                default -> { }
            }
        }

        private void move(Path dir, String value) throws IOException {
            long pid;
            try {
                pid = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IOException(dir + ": Invalid argument");
            }
            if (!dir.equals(root) && !words(dir.resolve("cgroup.subtree_control")).isEmpty()) {
                throw new IOException(dir + ": Device or resource busy");
            }
            try (var tree = Files.walk(root)) {
                for (Path procs : tree.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                    var kept = new ArrayList<>(Files.readAllLines(procs));
                    kept.removeIf(line -> line.strip().equals(Long.toString(pid)));
                    Files.write(procs, kept);
                }
            }
            Files.writeString(dir.resolve("cgroup.procs"), pid + "\n", StandardOpenOption.APPEND);
        }

        private void kill(Path dir) throws IOException {
            try (var tree = Files.walk(dir)) {
                for (Path procs : tree.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                    killed.addAll(pids(procs.getParent()));
                    Files.writeString(procs, "");
                }
            }
        }

        private static void countOomKill(Path dir) throws IOException {
            Path events = dir.resolve("memory.events");
            var lines = new ArrayList<String>();
            for (String line : Files.readAllLines(events)) {
                String[] kv = line.split(" ");
                lines.add(kv[0].equals("oom_kill") || kv[0].equals("oom") ? kv[0] + " " + (Long.parseLong(kv[1]) + 1) : line);
            }
            Files.write(events, lines);
        }

        private static List<String> words(Path file) throws IOException {
            return Arrays.stream(Files.readString(file).strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        }
    }
}
