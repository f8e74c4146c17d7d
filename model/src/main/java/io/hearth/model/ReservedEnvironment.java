package io.hearth.model;

import java.util.Set;

/** Environment variable names the platform sets and a function may not override. */
final class ReservedEnvironment {
    private static final Set<String> RESERVED = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "HEARTH_RUNTIME_SOCKET");

    private ReservedEnvironment() {}

    static boolean isReserved(String key) {
        return RESERVED.contains(key) || key.startsWith("HEARTH_ENV_");
    }
}
