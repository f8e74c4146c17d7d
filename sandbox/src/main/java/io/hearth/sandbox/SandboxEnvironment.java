package io.hearth.sandbox;

import io.hearth.model.FunctionVersion;
import io.hearth.model.Runtime;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a runtime starts with: the function's variables, then Lambda's reserved ones
 * (which the function cannot override). Nothing of Hearth's own environment leaks in.
 */
final class SandboxEnvironment {
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private SandboxEnvironment() {}

    /**
     * The environment a generic (warming-pool) runtime starts with: the platform's variables and
     * {@code HEARTH_LATE_BINDING=1}, nothing of any function (the binding brings that).
     */
    static Map<String, String> generic(Path slot, Path runtimeDir, String region, String runtimeApi) {
        var env = new HashMap<String, String>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", slot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("HEARTH_LATE_BINDING", "1");
        return env;
    }

    static Map<String, String> build(FunctionVersion v, LaunchSpec spec, String runtimeApi, String sandboxId) {
        var env = new HashMap<String, String>(v.config().environment());
        var cfg = v.config();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", cfg.handler());
        env.put("LAMBDA_TASK_ROOT", spec.codeDir().toString());
        env.put("LAMBDA_RUNTIME_DIR", spec.runtimeDir().toString());
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        env.put("AWS_LAMBDA_FUNCTION_NAME", v.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", v.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(cfg.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + v.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", STREAM_DATE.format(LocalDate.now(ZoneOffset.UTC)) + "/["
                + v.version() + "]" + sandboxId);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        if (cfg.runtime().family() != Runtime.Family.PROVIDED) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + cfg.runtime().id());
        }
        return env;
    }
}
