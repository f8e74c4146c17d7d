package io.hearth.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP request being answered: what an {@link Operation} reads (path variables, query
 * parameters, headers, the capped body) and the one way it answers (a status, headers, a body
 * with Content-Length, and {@code x-amzn-RequestId}). The request id is a random UUID made on
 * first use unless an operation sets its own (an invoke answers with the invocation's id).
 */
final class Exchange {
    static final String REQUEST_ID = "x-amzn-RequestId";
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final Request request;
    private final Response response;
    private final Callback callback;
    private PathTemplate template;
    private String[] pathValues;
    private QueryParams query;
    private String requestId;
    private boolean answered;

    private final java.util.function.BiConsumer<Exchange, Operation> offloader;

    Exchange(Request request, Response response, Callback callback,
             java.util.function.BiConsumer<Exchange, Operation> offloader) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.offloader = offloader;
    }

    /** Continues this exchange with {@code op} on a thread that may block. */
    void offload(Operation op) {
        offloader.accept(this, op);
    }

    /** Answers with the failure: see {@link ApiHandler#fail}. */
    void fail(Throwable failure) {
        ApiHandler.fail(this, failure);
    }

    String method() {
        return request.getMethod();
    }

    /** See {@link RequestBody#discardUnread}: called before an error answer. */
    void discardUnreadBody() {
        RequestBody.discardUnread(request, response);
    }

    String rawPath() {
        return request.getHttpURI().getPath();
    }

    void bind(PathTemplate template, String[] values) {
        this.template = template;
        this.pathValues = values;
    }

    /** The decoded value of the path variable {@code {name}}. */
    String path(String name) {
        return pathValues[template.indexOf(name)];
    }

    /** The first value of a query parameter, or null. */
    String query(String name) {
        return queryParams().first(name);
    }

    List<String> queryAll(String name) {
        return queryParams().all(name);
    }

    private QueryParams queryParams() {
        if (query == null) query = QueryParams.parse(request.getHttpURI().getQuery());
        return query;
    }

    /** A request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The body, at most {@code limit} bytes, else RequestTooLargeException naming {@code operation}. */
    byte[] body(int limit, String operation) throws IOException {
        byte[] taken = prefix == null ? null : prefix.toByteArray();
        prefix = null;
        return RequestBody.read(request, limit, operation, taken);
    }

    private java.io.ByteArrayOutputStream prefix;

    /**
     * The whole body if it has already arrived and is within {@code limit}, without blocking;
     * null otherwise (then nothing was consumed and {@link #body} reads it).
     */
    byte[] bodyIfArrived(int limit) {
        if (prefix == null) prefix = new java.io.ByteArrayOutputStream();
        return RequestBody.readIfArrived(request, limit, prefix);
    }

    /** {@code scheme://host[:port]} as the client addressed this server. */
    String baseUrl() {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isEmpty()) {
            host = Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return (request.isSecure() ? "https://" : "http://") + host;
    }

    String requestId() {
        if (requestId == null) requestId = UUID.randomUUID().toString();
        return requestId;
    }

    void requestId(String id) {
        this.requestId = id;
    }

    boolean answered() {
        return answered;
    }

    /** Drops the headers an operation set before it was refused; call before answering. */
    void resetHeaders() {
        response.getHeaders().clear();
    }

    /** Adds a response header; call before answering. */
    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    void json(int status, byte[] body) {
        send(status, JSON, body);
    }

    void empty(int status) {
        send(status, null, null);
    }

    void bytes(int status, String contentType, byte[] body) {
        send(status, new HttpField(HttpHeader.CONTENT_TYPE, contentType), body);
    }

    private void send(int status, HttpField contentType, byte[] body) {
        answered = true;
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(REQUEST_ID, requestId());
        if (contentType != null) headers.put(contentType);
        headers.put(HttpHeader.CONTENT_LENGTH, body == null ? 0 : body.length);
        if (body == null || body.length == 0) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** Ends the exchange without an answer (the client went away). */
    void abort(Throwable cause) {
        answered = true;
        callback.failed(cause);
    }
}
