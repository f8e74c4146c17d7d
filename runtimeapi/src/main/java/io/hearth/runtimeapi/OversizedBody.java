package io.hearth.runtimeapi;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a request whose body is too large without resetting the client mid-upload: a body of
 * declared length up to {@link #DRAIN_LIMIT} is read and dropped first (so the client, still
 * sending, then reads the answer and may keep the connection); anything larger or of unknown
 * length is answered at once with {@code Connection: close}.
 */
final class OversizedBody {
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private OversizedBody() {}

    static void refuse(Request request, Response response, Runnable answer) {
        long declared = request.getLength();
        if (declared >= 0 && declared <= DRAIN_LIMIT) {
            Content.Source.consumeAll(request, Callback.from(answer, failure -> {
                closeAfter(response);
                answer.run();
            }));
        } else {
            closeAfter(response);
            answer.run();
        }
    }

    private static void closeAfter(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
}
