package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Greets by name; deploy with runtime java21 and handler example.Hello (see ../README.md). */
public class Hello implements RequestHandler<Hello.Request, Hello.Response> {

    /** The event: {"name": "you"}. */
    public static class Request {
        private String name;

        public String getName() { return name; }

        public void setName(String name) { this.name = name; }
    }

    /** The answer: {"greeting": "Hello, you!", "remainingMs": true, "java": 25}. */
    public static class Response {
        public String greeting;
        public boolean remainingMs;
        public int java;
    }

    @Override
    public Response handleRequest(Request request, Context context) {
        String name = request.getName() == null || request.getName().isBlank() ? "world" : request.getName();
        context.getLogger().log("greeting " + name);
        var response = new Response();
        response.greeting = "Hello, " + name + "!";
        response.remainingMs = context.getRemainingTimeInMillis() > 0;
        response.java = Runtime.version().feature();
        return response;
    }
}
