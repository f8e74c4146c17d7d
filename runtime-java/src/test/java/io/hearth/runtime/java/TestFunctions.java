package io.hearth.runtime.java;

import java.util.Map;

/** Sources of the handlers the process tests deploy, in package {@code example}. */
final class TestFunctions {
    private TestFunctions() {}

    static final String GREETER = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            public class Greeter implements RequestHandler<Map<String, Object>, String> {
                @Override
                public String handleRequest(Map<String, Object> in, Context context) {
                    return "hello " + in.get("name") + " (" + in.size() + " keys, n is "
                            + in.get("n").getClass().getSimpleName() + ", nested " + in.get("nested") + ")";
                }
            }
            """;

    static final String ORDERS = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.math.BigDecimal;
            import java.util.ArrayList;
            import java.util.List;
            public class Orders implements RequestHandler<Orders.Order, Orders.Receipt> {
                public static class Order {
                    private String id;
                    private List<Line> lines;
                    private BigDecimal discount;
                    public String getId() { return id; }
                    public void setId(String id) { this.id = id; }
                    public List<Line> getLines() { return lines; }
                    public void setLines(List<Line> lines) { this.lines = lines; }
                    public BigDecimal getDiscount() { return discount; }
                    public void setDiscount(BigDecimal discount) { this.discount = discount; }
                }
                public static class Line {
                    public String sku;
                    public int qty;
                    public BigDecimal price;
                }
                public static class Receipt {
                    private String orderId;
                    private BigDecimal total;
                    private int itemCount;
                    private String note;
                    private List<String> skus = new ArrayList<>();
                    public String getOrderId() { return orderId; }
                    public BigDecimal getTotal() { return total; }
                    public int getItemCount() { return itemCount; }
                    public String getNote() { return note; }
                    public List<String> getSkus() { return skus; }
                }
                @Override
                public Receipt handleRequest(Order order, Context context) {
                    Receipt r = new Receipt();
                    r.orderId = order.getId();
                    r.total = BigDecimal.ZERO;
                    for (Line l : order.getLines()) {
                        r.total = r.total.add(l.price.multiply(BigDecimal.valueOf(l.qty)));
                        r.itemCount += l.qty;
                        r.skus.add(l.sku);
                    }
                    r.total = r.total.subtract(order.getDiscount());
                    return r;
                }
            }
            """;

    static final String POINTS = """
            package example;
            public class Points {
                public record Point(int x, int y, String label) {}
                public static Point move(Point p) {
                    return new Point(p.x() + 1, p.y() * 2, p.label() == null ? "unnamed" : p.label().toUpperCase());
                }
            }
            """;

    static final String UPPER = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            public class Upper {
                private final String suffix;
                public Upper() { suffix = "!"; }
                public String upper(String s) { return "wrong overload"; }
                public String upper(String s, Context c) { return s.toUpperCase() + suffix + c.getAwsRequestId().length(); }
            }
            """;

    static final String ECHO = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;
            public class Echo implements RequestStreamHandler {
                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    out.write(("{\\"echo\\":" + new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            + ",\\"fn\\":\\"" + context.getFunctionName() + "\\"}").getBytes(StandardCharsets.UTF_8));
                }
            }
            """;

    static final String STREAMS = """
            package example;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;
            public class Streams {
                public static void shout(InputStream in, OutputStream out) throws IOException {
                    out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                }
                public static void big(InputStream in, OutputStream out) throws IOException {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'z');
                    for (int i = 0; i < 96; i++) out.write(chunk);
                }
            }
            """;

    static final String CONTEXT_PROBE = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.LambdaLogger;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.nio.charset.StandardCharsets;
            import java.util.LinkedHashMap;
            import java.util.Map;
            public class ContextProbe implements RequestHandler<Object, Map<String, Object>> {
                @Override
                public Map<String, Object> handleRequest(Object in, Context c) {
                    LambdaLogger log = c.getLogger();
                    log.log("probe-log-line");
                    log.log("probe-bytes-line\\n".getBytes(StandardCharsets.UTF_8));
                    System.out.println("probe-stdout-line");
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("input", in);
                    m.put("requestId", c.getAwsRequestId());
                    m.put("functionName", c.getFunctionName());
                    m.put("functionVersion", c.getFunctionVersion());
                    m.put("memory", c.getMemoryLimitInMB());
                    m.put("logGroup", c.getLogGroupName());
                    m.put("logStream", c.getLogStreamName());
                    m.put("arn", c.getInvokedFunctionArn());
                    m.put("remaining", c.getRemainingTimeInMillis());
                    m.put("traceId", c.getXrayTraceId());
                    m.put("traceProperty", System.getProperty("com.amazonaws.xray.traceHeader"));
                    m.put("identityId", c.getIdentity() == null ? null : c.getIdentity().getIdentityId());
                    m.put("identityPool", c.getIdentity() == null ? null : c.getIdentity().getIdentityPoolId());
                    m.put("installation", c.getClientContext() == null ? null : c.getClientContext().getClient().getInstallationId());
                    m.put("custom", c.getClientContext() == null ? null : c.getClientContext().getCustom());
                    m.put("contextLoader", Thread.currentThread().getContextClassLoader() == getClass().getClassLoader());
                    return m;
                }
            }
            """;

    static final String FAILING = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            public class Failing implements RequestHandler<Map<String, Object>, String> {
                @Override
                public String handleRequest(Map<String, Object> in, Context context) {
                    if (in.containsKey("ok")) return "fine";
                    throw new IllegalStateException("boom", new java.io.UncheckedIOException(new java.io.IOException("disk full")));
                }
            }
            """;

    static final String BAD_CONSTRUCTOR = """
            package example;
            public class BadConstructor {
                public BadConstructor() { throw new IllegalArgumentException("no config"); }
                public String handle(String s) { return s; }
            }
            """;

    static final String BAD_STATIC_INIT = """
            package example;
            public class BadStaticInit {
                static final int VALUE = Integer.parseInt("not a number");
                public static String handle(String s) { return s + VALUE; }
            }
            """;

    static final String BIG = """
            package example;
            import java.util.Map;
            public class Big {
                public static String make(Map<String, Integer> in) { return "y".repeat(in.get("size")); }
            }
            """;

    static final String ENV_PROBE = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import java.util.LinkedHashMap;
            import java.util.Map;
            public class EnvProbe {
                static final String AT_INIT = System.getenv("FOO");
                public static Map<String, Object> read(Map<String, Object> in, Context c) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("foo", System.getenv("FOO"));
                    m.put("fooAtInit", AT_INIT);
                    m.put("fooInMap", System.getenv().get("FOO"));
                    m.put("function", c.getFunctionName());
                    m.put("memory", c.getMemoryLimitInMB());
                    m.put("taskRoot", System.getenv("LAMBDA_TASK_ROOT"));
                    return m;
                }
            }
            """;

    static final String PLAIN = """
            package example;
            import java.util.List;
            import java.util.Map;
            public class Plain {
                public static String hello(String name) { return "plain " + name; }
                public static String nothing() { return "nothing"; }
                public static void sink(Map<String, Object> in) { }
                public static int count(List<Integer> in) { return in.size(); }
            }
            """;

    static final String API = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
            import java.util.Map;
            public class Api implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                @Override
                public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e, Context c) {
                    String text = e.getHttpMethod() + " " + e.getPath() + " q=" + e.getQueryStringParameters().get("q")
                            + " ip=" + e.getRequestContext().getIdentity().getSourceIp() + " b64=" + e.getIsBase64Encoded()
                            + " body=" + e.getBody();
                    return new APIGatewayProxyResponseEvent().withStatusCode(201)
                            .withHeaders(Map.of("Content-Type", "text/plain")).withBody(text);
                }
            }
            """;

    static final String QUEUE = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.SQSEvent;
            public class Queue implements RequestHandler<SQSEvent, String> {
                @Override
                public String handleRequest(SQSEvent e, Context c) {
                    SQSEvent.SQSMessage m = e.getRecords().get(0);
                    return e.getRecords().size() + "|" + m.getBody() + "|" + m.getEventSourceArn() + "|"
                            + m.getMessageAttributes().get("color").getStringValue() + "|" + m.getAttributes().get("ApproximateReceiveCount");
                }
            }
            """;

    static Map<String, String> all() {
        return Map.ofEntries(Map.entry("example/Greeter.java", GREETER), Map.entry("example/Orders.java", ORDERS),
                Map.entry("example/Points.java", POINTS), Map.entry("example/Upper.java", UPPER),
                Map.entry("example/Echo.java", ECHO), Map.entry("example/Streams.java", STREAMS),
                Map.entry("example/ContextProbe.java", CONTEXT_PROBE), Map.entry("example/Failing.java", FAILING),
                Map.entry("example/BadConstructor.java", BAD_CONSTRUCTOR),
                Map.entry("example/BadStaticInit.java", BAD_STATIC_INIT), Map.entry("example/Big.java", BIG),
                Map.entry("example/EnvProbe.java", ENV_PROBE), Map.entry("example/Plain.java", PLAIN),
                Map.entry("example/Api.java", API), Map.entry("example/Queue.java", QUEUE));
    }
}
