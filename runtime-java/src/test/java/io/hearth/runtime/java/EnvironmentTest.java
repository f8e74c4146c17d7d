package io.hearth.runtime.java;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime's view of its environment: the Runtime API address, function settings, bindings. */
class EnvironmentTest {

    @Test
    void runtimeApiAddressWithAndWithoutPrefix() {
        var a = RuntimeApiAddress.parse("127.0.0.1:9001/s/TOKEN/", null);
        assertThat(a).isEqualTo(new RuntimeApiAddress("127.0.0.1", 9001, "127.0.0.1:9001", "/s/TOKEN", null));
        assertThat(a.path("/runtime/invocation/next")).isEqualTo("/s/TOKEN/2018-06-01/runtime/invocation/next");
        assertThat(RuntimeApiAddress.parse("localhost:8080", "").path("/runtime/init/error"))
                .isEqualTo("/2018-06-01/runtime/init/error");
        var v6 = RuntimeApiAddress.parse("[::1]:9001/p", "/run/hearth/api.sock");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.hostHeader()).isEqualTo("[::1]:9001");
        assertThat(v6.unixSocket()).isEqualTo(Path.of("/run/hearth/api.sock"));
    }

    @Test
    void badRuntimeApiAddressesAreRefused() {
        assertThatThrownBy(() -> RuntimeApiAddress.parse(null, null)).hasMessageContaining("not set");
        assertThatThrownBy(() -> RuntimeApiAddress.parse("host", null)).hasMessageContaining("host:port");
        assertThatThrownBy(() -> RuntimeApiAddress.parse("host:x", null)).hasMessageContaining("bad port");
        assertThatThrownBy(() -> RuntimeApiAddress.parse("host:70000", null)).hasMessageContaining("bad port");
    }

    @Test
    void functionSettingsWithLambdasDefaults() {
        var env = new Environment(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "x", "LAMBDA_TASK_ROOT", "/var/task"));
        assertThat(env.memoryMb()).isEqualTo(128);
        assertThat(env.functionVersion()).isEqualTo("$LATEST");
        assertThat(env.taskRoot()).isEqualTo(Path.of("/var/task"));
        assertThat(new Environment(Map.of()).taskRoot()).isEqualTo(Path.of(System.getProperty("user.dir")));
        assertThat(new Environment(Map.of("HEARTH_LATE_BINDING", "1")).lateBinding()).isTrue();
        assertThat(new Environment(Map.of("HEARTH_LATE_BINDING", "0")).lateBinding()).isFalse();
        assertThat(new Environment(Map.of()).lateBinding()).isFalse();
    }

    @Test
    void aBindingOverlaysTheProcessEnvironmentAndItsFieldsWin() throws Exception {
        var b = Binding.parse("""
                {"environment":{"A":"1","N":2,"_HANDLER":"old.H","LAMBDA_TASK_ROOT":"/old"},
                 "taskRoot":"/var/task","handler":"new.H::m"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(b.variables()).isEqualTo(Map.of("A", "1", "N", "2", "_HANDLER", "new.H::m", "LAMBDA_TASK_ROOT", "/var/task"));
        var env = new Environment(Map.of("A", "0", "PATH", "/bin")).with(b.variables());
        assertThat(env.get("A")).isEqualTo("1");
        assertThat(env.get("PATH")).isEqualTo("/bin");
        assertThatThrownBy(() -> Binding.parse("[]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Binding.parse("{\"environment\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("object of strings");
    }
}
