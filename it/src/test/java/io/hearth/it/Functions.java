package io.hearth.it;

import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Test functions in each runtime, and a one-line way to create them through the SDK. */
final class Functions {
    private Functions() {}

    static final String PYTHON = """
            import json, os, sys, time
            COUNTER = {"n": 0}
            def handler(event, context):
                COUNTER["n"] += 1
                action = event.get("action") if isinstance(event, dict) else None
                if action == "fail":
                    raise ValueError("bad input: " + str(event.get("why")))
                if action == "sleep":
                    time.sleep(event["seconds"])
                    return "slept"
                if action == "crash":
                    print("about to crash", flush=True)
                    os._exit(3)
                if action == "print":
                    print("hello from python")
                    print("to stderr", file=sys.stderr)
                    return "printed"
                if action == "touch":
                    path = os.path.join(os.environ["OUT_DIR"], context.aws_request_id + "-" + str(time.time_ns()))
                    open(path, "w").write(json.dumps(event))
                    if event.get("failUntil", 0) > len([f for f in os.listdir(os.environ["OUT_DIR"]) if f.startswith(context.aws_request_id)]):
                        raise RuntimeError("not yet")
                    return "touched"
                cc = context.client_context
                return {
                    "event": event,
                    "requestId": context.aws_request_id,
                    "functionName": context.function_name,
                    "memory": context.memory_limit_in_mb,
                    "arn": context.invoked_function_arn,
                    "remaining": context.get_remaining_time_in_millis(),
                    "greeting": os.environ.get("GREETING"),
                    "pid": os.getpid(),
                    "count": COUNTER["n"],
                    "custom": cc.custom if cc else None,
                }
            """;

    static final String NODE = """
            exports.handler = async (event, context) => {
              if (event.action === 'fail') { throw new TypeError('node says no'); }
              console.log('node log line');
              return { node: true, event, requestId: context.awsRequestId, fn: context.functionName };
            };
            """;

    static final String NODE_CALLBACK = """
            exports.handler = (event, context, callback) => {
              setTimeout(() => callback(null, { callback: true, n: event.n }), 5);
            };
            """;

    static final String BASH_BOOTSTRAP = """
            #!/bin/bash
            set -euo pipefail
            API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
            while true; do
              HEADERS=$(mktemp)
              EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
              ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')
              rm -f "$HEADERS"
              echo "bash got $EVENT"
              curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"bash\\":true,\\"got\\":$EVENT}" >/dev/null
            done
            """;

    static CreateFunctionResponse python(LambdaClient lambda, String name) {
        return python(lambda, name, 3, Map.of());
    }

    static CreateFunctionResponse python(LambdaClient lambda, String name, int timeout, Map<String, String> env) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).handler("app.handler")
                .role("arn:aws:iam::123456789012:role/test").timeout(timeout)
                .environment(Environment.builder().variables(env).build())
                .code(FunctionCode.builder().zipFile(Zips.of(Map.of("app.py", PYTHON))).build()));
    }

    static CreateFunctionResponse node(LambdaClient lambda, String name, String source) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X).handler("index.handler")
                .role("arn:aws:iam::123456789012:role/test")
                .code(FunctionCode.builder().zipFile(Zips.of(Map.of("index.js", source))).build()));
    }

    static CreateFunctionResponse bash(LambdaClient lambda, String name) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PROVIDED_AL2023).handler("ignored")
                .role("arn:aws:iam::123456789012:role/test")
                .code(FunctionCode.builder().zipFile(Zips.of(Map.of("bootstrap", BASH_BOOTSTRAP))).build()));
    }
}
