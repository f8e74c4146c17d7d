package io.hearth.api;

import io.hearth.model.ErrorCode;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Shapes the errors Jetty answers by itself, before or around {@link ApiHandler} (an ambiguous
 * URI, oversized headers, a malformed request line), like every other Hearth error: status kept,
 * {@code x-amzn-ErrorType} from the nearest Lambda type, {@code x-amzn-RequestId}, and the JSON
 * body of {@link ErrorResponses}, never an HTML page or a stack trace. Install it with
 * {@code server.setErrorHandler(new ApiErrorHandler())}.
 */
public final class ApiErrorHandler extends ErrorHandler {

    public ApiErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = fill(response.getHeaders(), status, message);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] fill(HttpFields.Mutable headers, int status, String message) {
        ErrorCode code = ErrorResponses.codeForStatus(status);
        String text = message == null || message.isEmpty() ? "HTTP " + status : message;
        byte[] body = ErrorResponses.body(status, text, Map.of());
        headers.put(ErrorResponses.ERROR_TYPE, code.type());
        headers.put(Exchange.REQUEST_ID, UUID.randomUUID().toString());
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        return body;
    }
}
