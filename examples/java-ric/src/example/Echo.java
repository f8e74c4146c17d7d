package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A stream handler: gets the event's raw bytes, writes the response's bytes (here: JSON around the event). */
public class Echo implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String reply = "{\"echo\":" + event + ",\"function\":\"" + context.getFunctionName() + "\"}";
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }
}
