package io.hearth.api;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shared Jackson setup of the API and the three things it does with JSON: validate an invoke
 * payload by streaming over it (no tree, no field-name table), read a control-plane request body
 * into a tree whose {@code ZipFile} strings are base64-decoded straight from the input bytes, and
 * write responses through a {@link JsonGenerator}. Factories are built once; buffers come from a
 * shared pool that works with virtual threads.
 */
final class JsonCodec {
    /** Longest JSON string in a control-plane body: a base64 ZipFile of the biggest upload. */
    private static final int MAX_STRING = 100_000_000;

    private static final JsonFactory PAYLOADS = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    private static final ObjectMapper REQUESTS = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING).build())
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Writes one JSON document. */
    @FunctionalInterface
    interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonCodec() {}

    static byte[] write(Writing body) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = PAYLOADS.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Checks that {@code payload} is exactly one JSON value; else InvalidRequestContentException
     * "Could not parse request body into json: ...".
     */
    static void validatePayload(byte[] payload) {
        try (JsonParser p = PAYLOADS.createParser(payload)) {
            if (p.nextToken() == null) throw unparsable("No content to map due to end-of-input");
            p.skipChildren();
            if (p.nextToken() != null) throw unparsable("Unexpected trailing content after the JSON value");
        } catch (StreamReadException e) {
            throw unparsable(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code json} is one JSON object. */
    static boolean isObject(byte[] json) {
        try (JsonParser p = PAYLOADS.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a control-plane request body: empty means {@code {}}; anything but one JSON object is
     * InvalidRequestContentException. A string field named {@code ZipFile} becomes a
     * {@link BinaryNode}; bad base64 there is InvalidParameterValueException.
     */
    static ObjectNode readObject(byte[] body) {
        if (body.length == 0) return NODES.objectNode();
        try (JsonParser p = REQUESTS.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw unparsable("The request body must be a JSON object");
            ObjectNode root = readFields(p);
            if (p.nextToken() != null) throw unparsable("Unexpected trailing content after the JSON object");
            return root;
        } catch (StreamReadException e) {
            throw unparsable(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode readFields(JsonParser p) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                node.set(name, readFields(p));
            } else if (value == JsonToken.VALUE_STRING && name.equals("ZipFile")) {
                node.set(name, BinaryNode.valueOf(base64(p)));
            } else {
                node.set(name, REQUESTS.readTree(p));
            }
        }
        return node;
    }

    private static byte[] base64(JsonParser p) throws IOException {
        try {
            return p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
        } catch (JsonEOFException e) {
            throw e;
        } catch (StreamReadException e) {
            throw HearthException.invalid("Could not decode ZipFile: it must be a base64-encoded zip file ("
                    + e.getOriginalMessage() + ")");
        }
    }

    static HearthException unparsable(String detail) {
        return new HearthException(ErrorCode.INVALID_REQUEST_CONTENT, "Could not parse request body into json: " + detail);
    }
}
