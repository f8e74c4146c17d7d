package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.engine.KvAdmin;
import io.hearth.model.KvEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /hearth/v1/kv/{namespace}?prefix=&after=&limit=} → {@code {"items":[{"key","version",
 * "value"}],"next":KEY|null}}: live keys in key order, those starting with {@code prefix}, after
 * the key {@code after} (absent or empty: every key, from the start); limit 1–1000, default 100. A value is its UTF-8 text when it is valid
 * UTF-8, else its base64 with {@code "encoding":"base64"}. {@code next} is the {@code after} of the
 * following page, null on the last one.
 */
final class ListKeysHandler implements Operation {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final KvAdmin kv;

    ListKeysHandler(KvAdmin kv) {
        this.kv = kv;
    }

    @Override
    public void handle(Exchange ex) {
        String namespace = KvNamespaceParam.parse(ex.path("namespace"));
        int limit = LimitParam.parse(ex.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String prefix = emptyAsNull(ex.query("prefix"));
        String after = emptyAsNull(ex.query("after"));
        List<KvEntry> found = kv.list(namespace, prefix, after, limit + 1);
        List<KvEntry> page = found.size() > limit ? found.subList(0, limit) : found;
        String next = found.size() > limit ? page.getLast().key() : null;
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (KvEntry e : page) {
                if (!e.deleted()) writeItem(g, e);
            }
            g.writeEndArray();
            g.writeStringField("next", next);
            g.writeEndObject();
        }));
    }

    private static void writeItem(JsonGenerator g, KvEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", e.key());
        g.writeNumberField("version", e.version());
        String text = utf8(e.value());
        if (text != null) {
            g.writeStringField("value", text);
        } else {
            g.writeStringField("value", Base64.getEncoder().encodeToString(e.value()));
            g.writeStringField("encoding", "base64");
        }
        g.writeEndObject();
    }

    /** The bytes as text when they are valid UTF-8, else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** An absent or empty parameter means "every key" / "from the start": null for {@link KvAdmin#list}. */
    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
