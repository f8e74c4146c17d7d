package io.hearth.runtime.java;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code S3Event} and {@code S3EventNotification} (aws-lambda-java-events 3.x): immutable classes
 * built through constructors, which Lambda maps with a serializer of its own rather than as beans.
 * Reading calls the constructors with the fields of the S3 notification JSON
 * ({@code Records[].s3.object.key} and so on); writing produces the same shape from the getters,
 * without null fields, {@code eventTime} as ISO-8601.
 */
final class S3Events {
    private static final String MODEL = "com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification";

    private S3Events() {}

    static boolean handles(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) if (k.getName().equals(MODEL)) return true;
        return false;
    }

    static Object read(Object node, Class<?> eventClass) throws JsonException {
        if (!(node instanceof Map<?, ?> event)) {
            throw new JsonException("Cannot deserialize value of type `" + eventClass.getName() + "` from " + JsonBinder.describe(node));
        }
        try {
            List<Object> records = new ArrayList<>();
            if (event.get("Records") instanceof List<?> list) {
                for (Object r : list) records.add(record(r instanceof Map<?, ?> m ? m : Map.of(), eventClass.getClassLoader()));
            }
            return make(eventClass, new Class<?>[] {List.class}, records);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
            throw new JsonException("Cannot construct instance of `" + eventClass.getName() + "`: " + cause, cause);
        }
    }

    private static Object record(Map<?, ?> r, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> params = nested(loader, "RequestParametersEntity");
        Class<?> response = nested(loader, "ResponseElementsEntity");
        Class<?> s3 = nested(loader, "S3Entity");
        Class<?> user = nested(loader, "UserIdentityEntity");
        Map<?, ?> s3Json = map(r.get("s3"));
        return make(nested(loader, "S3EventNotificationRecord"),
                new Class<?>[] {String.class, String.class, String.class, String.class, String.class, params, response, s3, user},
                text(r.get("awsRegion")), text(r.get("eventName")), text(r.get("eventSource")), text(r.get("eventTime")),
                text(r.get("eventVersion")),
                make(params, new Class<?>[] {String.class}, text(map(r.get("requestParameters")).get("sourceIPAddress"))),
                make(response, new Class<?>[] {String.class, String.class}, text(map(r.get("responseElements")).get("x-amz-id-2")),
                        text(map(r.get("responseElements")).get("x-amz-request-id"))),
                make(s3, new Class<?>[] {String.class, nested(loader, "S3BucketEntity"), nested(loader, "S3ObjectEntity"), String.class},
                        text(s3Json.get("configurationId")), bucket(map(s3Json.get("bucket")), loader, user),
                        object(map(s3Json.get("object")), loader), text(s3Json.get("s3SchemaVersion"))),
                make(user, new Class<?>[] {String.class}, text(map(r.get("userIdentity")).get("principalId"))));
    }

    private static Object bucket(Map<?, ?> b, ClassLoader loader, Class<?> user) throws ReflectiveOperationException {
        return make(nested(loader, "S3BucketEntity"), new Class<?>[] {String.class, user, String.class}, text(b.get("name")),
                make(user, new Class<?>[] {String.class}, text(map(b.get("ownerIdentity")).get("principalId"))), text(b.get("arn")));
    }

    private static Object object(Map<?, ?> o, ClassLoader loader) throws ReflectiveOperationException {
        Long size = o.get("size") instanceof JsonNumber n ? n.bigInteger().longValue() : null;
        return make(nested(loader, "S3ObjectEntity"), new Class<?>[] {String.class, Long.class, String.class, String.class, String.class},
                text(o.get("key")), size, text(o.get("eTag")), text(o.get("versionId")), text(o.get("sequencer")));
    }

    /** The event as the JSON tree Lambda writes for it. */
    static Map<String, Object> tree(Object event) throws ReflectiveOperationException {
        List<Object> records = new ArrayList<>();
        Object list = get(event, "getRecords");
        if (list instanceof List<?> l) {
            for (Object r : l) {
                Map<String, Object> m = new LinkedHashMap<>();
                put(m, "awsRegion", get(r, "getAwsRegion"));
                put(m, "eventName", get(r, "getEventName"));
                put(m, "eventSource", get(r, "getEventSource"));
                Object time = get(r, "getEventTime");
                put(m, "eventTime", time == null ? null : time.toString());
                put(m, "eventVersion", get(r, "getEventVersion"));
                put(m, "requestParameters", fields(get(r, "getRequestParameters"), "sourceIPAddress", "getSourceIPAddress"));
                put(m, "responseElements", fields(get(r, "getResponseElements"), "x-amz-id-2", "getxAmzId2",
                        "x-amz-request-id", "getxAmzRequestId"));
                Object s3 = get(r, "getS3");
                if (s3 != null) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    put(s, "configurationId", get(s3, "getConfigurationId"));
                    Object bucket = get(s3, "getBucket");
                    Map<String, Object> b = fields(bucket, "name", "getName", "arn", "getArn");
                    if (b != null) put(b, "ownerIdentity", fields(get(bucket, "getOwnerIdentity"), "principalId", "getPrincipalId"));
                    put(s, "bucket", b);
                    put(s, "object", fields(get(s3, "getObject"), "key", "getKey", "size", "getSizeAsLong", "eTag", "geteTag",
                            "versionId", "getVersionId", "urlDecodedKey", "getUrlDecodedKey", "sequencer", "getSequencer"));
                    put(s, "s3SchemaVersion", get(s3, "getS3SchemaVersion"));
                    m.put("s3", s);
                }
                put(m, "userIdentity", fields(get(r, "getUserIdentity"), "principalId", "getPrincipalId"));
                records.add(m);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Records", records);
        return out;
    }

    private static Map<String, Object> fields(Object o, String... namesAndGetters) throws ReflectiveOperationException {
        if (o == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < namesAndGetters.length; k += 2) put(m, namesAndGetters[k], get(o, namesAndGetters[k + 1]));
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }

    private static Object get(Object o, String getter) throws ReflectiveOperationException {
        if (o == null) return null;
        var m = o.getClass().getMethod(getter);
        m.setAccessible(true);
        return m.invoke(o);
    }

    private static Class<?> nested(ClassLoader loader, String simpleName) throws ClassNotFoundException {
        return Class.forName(MODEL + "$" + simpleName, false, loader);
    }

    private static Object make(Class<?> c, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        Constructor<?> k = c.getConstructor(types);
        return k.newInstance(args);
    }

    private static Map<?, ?> map(Object v) {
        return v instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object v) {
        return v == null ? null : v instanceof JsonNumber n ? n.text() : v.toString();
    }
}
