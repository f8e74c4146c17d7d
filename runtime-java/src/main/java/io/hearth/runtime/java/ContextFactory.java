package io.hearth.runtime.java;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@code Context} a handler receives, implementing the function's own
 * {@code com.amazonaws.services.lambda.runtime.Context} (whichever copy its class loader holds)
 * through {@link Bridges}, and answering from the invocation's headers and the function's
 * {@link Environment}. The remaining time is the deadline header minus the injected clock, never
 * negative. {@code getLogger()} writes each message to stdout as one line (a newline is added
 * when missing); the identity and client context answer from their JSON headers and are null
 * when the headers are absent.
 */
final class ContextFactory {
    /** Context's default methods the runtime answers itself rather than returning null. */
    private static final Set<String> CONTEXT_DEFAULTS = Set.of("getTenantId", "getXrayTraceId");
    /** Interface getter name → JSON field (the names Lambda's runtime reads these headers with). */
    private static final Map<String, String> COGNITO = Map.of("getIdentityId", "cognitoIdentityId",
            "getIdentityPoolId", "cognitoIdentityPoolId");
    private static final Map<String, String> CLIENT = Map.of("getInstallationId", "installation_id",
            "getAppTitle", "app_title", "getAppVersionName", "app_version_name", "getAppVersionCode", "app_version_code",
            "getAppPackageName", "app_package_name");

    private final LambdaTypes types;
    private final Environment env;
    private final Clock clock;
    private final Bridges bridges;
    private Object logger;

    ContextFactory(LambdaTypes types, Environment env, Clock clock) {
        this.types = types;
        this.env = env;
        this.clock = clock;
        this.bridges = new Bridges(types.loader());
    }

    /** The context of {@code inv}, or null when the function has no {@code Context} type at all. */
    Object create(Invocation inv) {
        return types.context() == null ? null : bridges.implement(types.context(), CONTEXT_DEFAULTS, new ContextAnswers(inv));
    }

    private synchronized Object logger() {
        if (logger == null && types.logger() != null) {
            logger = bridges.implement(types.logger(), Set.of(), new LoggerAnswers(System.out));
        }
        return logger;
    }

    private final class ContextAnswers implements Answers {
        private final Invocation inv;

        ContextAnswers(Invocation inv) {
            this.inv = inv;
        }

        @Override
        public Object answer(String method, Object arg) {
            return switch (method) {
                case "getAwsRequestId" -> inv.requestId();
                case "getLogGroupName" -> env.logGroupName();
                case "getLogStreamName" -> env.logStreamName();
                case "getFunctionName" -> env.functionName();
                case "getFunctionVersion" -> env.functionVersion();
                case "getInvokedFunctionArn" -> inv.invokedFunctionArn();
                case "getIdentity" -> identity(inv.cognitoIdentity());
                case "getClientContext" -> clientContext(inv.clientContext());
                case "getRemainingTimeInMillis" -> (int) Math.max(0, Math.min(Integer.MAX_VALUE, inv.deadlineEpochMs() - clock.millis()));
                case "getMemoryLimitInMB" -> env.memoryMb();
                case "getLogger" -> logger();
                case "getTenantId" -> inv.tenantId();
                case "getXrayTraceId" -> inv.traceId();
                default -> null;
            };
        }

        @Override
        public String toString() {
            return "LambdaContext[awsRequestId=" + inv.requestId() + "]";
        }
    }

    private Object identity(String json) {
        if (json == null || types.cognitoIdentity() == null) return null;
        return bridges.implement(types.cognitoIdentity(), Set.of(), new FieldAnswers("CognitoIdentity", parse(json), COGNITO));
    }

    private Object clientContext(String json) {
        if (json == null || types.clientContext() == null) return null;
        Map<?, ?> m = parse(json);
        Object client = m.get("client") instanceof Map<?, ?> c && types.client() != null
                ? bridges.implement(types.client(), Set.of(), new FieldAnswers("Client", c, CLIENT)) : null;
        return bridges.implement(types.clientContext(), Set.of(), new ClientContextAnswers(m, client));
    }

    /** Answers getters from a JSON object, by a getter → field table. */
    private record FieldAnswers(String name, Map<?, ?> fields, Map<String, String> getters) implements Answers {
        @Override
        public Object answer(String method, Object arg) {
            String field = getters.get(method);
            return field == null ? null : string(fields.get(field));
        }

        @Override
        public String toString() {
            return name + fields;
        }
    }

    /** ClientContext: the client, and the custom and env maps. */
    private record ClientContextAnswers(Map<?, ?> fields, Object client) implements Answers {
        @Override
        public Object answer(String method, Object arg) {
            return switch (method) {
                case "getClient" -> client;
                case "getCustom" -> fields.get("custom");
                case "getEnvironment" -> fields.get("env");
                default -> null;
            };
        }

        @Override
        public String toString() {
            return "ClientContext" + fields;
        }
    }

    private static Map<?, ?> parse(String json) {
        try {
            Object tree = JsonBinder.natural(JsonReader.parse(json));
            if (tree instanceof Map<?, ?> m) return stringValues(m);
        } catch (JsonException ignored) {
            // an unreadable header reads as an empty object, as no header would
        }
        return Map.of();
    }

    /** Nested maps keep their structure; scalar values become strings ({@code Map<String, String>} getters). */
    @SuppressWarnings("unchecked")
    private static Map<?, ?> stringValues(Map<?, ?> m) {
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) m).entrySet()) {
            Object v = e.getValue();
            e.setValue(v instanceof Map<?, ?> inner ? stringValues(inner) : v == null || v instanceof java.util.List ? v : v.toString());
        }
        return m;
    }

    private static String string(Object v) {
        return v == null ? null : v.toString();
    }

    /** LambdaLogger: one stdout line per message. */
    private record LoggerAnswers(PrintStream out) implements Answers {
        @Override
        public Object answer(String method, Object arg) {
            if (method.equals("log")) {
                byte[] bytes = arg instanceof byte[] b ? b : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
                synchronized (out) {
                    out.write(bytes, 0, bytes.length);
                    if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') out.write('\n');
                    out.flush();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "LambdaLogger";
        }
    }
}
