package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * A POJO handler: the runtime interface client reads the event JSON into a {@link Request} and
 * writes the returned {@link Response} as JSON. A missing name is an error, which the caller sees
 * as {@code FunctionError: Unhandled} with {@code errorType} {@code java.lang.IllegalArgumentException}.
 */
public class Hello implements RequestHandler<Hello.Request, Hello.Response> {
    private int calls;   // kept while the sandbox stays warm

    public static class Request {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    public static class Response {
        private final String greeting;
        private final int calls;
        private final String requestId;

        Response(String greeting, int calls, String requestId) {
            this.greeting = greeting;
            this.calls = calls;
            this.requestId = requestId;
        }

        public String getGreeting() {
            return greeting;
        }

        public int getCalls() {
            return calls;
        }

        public String getRequestId() {
            return requestId;
        }
    }

    @Override
    public Response handleRequest(Request request, Context context) {
        if (request == null || request.getName() == null || request.getName().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        calls++;
        System.out.println("greeting " + request.getName() + " (call " + calls + ")");   // the function's log
        return new Response("Hello, " + request.getName() + "!", calls, context.getAwsRequestId());
    }
}
