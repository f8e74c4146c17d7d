package io.hearth.runtimeapi;

import io.hearth.model.JsonText;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Error answers of the Runtime API, in the shape the runtime clients expect. */
final class RuntimeErrors {
    private RuntimeErrors() {}

    static void write(Response response, Callback callback, int status, String errorType, String message) {
        byte[] body = ("{\"errorMessage\":" + JsonText.quote(message) + ",\"errorType\":" + JsonText.quote(errorType)
                + "}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
