package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.util.List;
import java.util.Map;

/**
 * Request fields that CreateFunction, UpdateFunctionCode and UpdateFunctionConfiguration share:
 * the runtime, the environment, the code package and the Lambda features Hearth refuses rather
 * than silently ignores (container images, S3 code, layers, other architectures). Fields Hearth
 * accepts but does not act on (Role, VpcConfig, TracingConfig, KMSKeyArn, DeadLetterConfig, ...)
 * are not read at all.
 */
final class FunctionFields {
    private static final String ONLY_ZIP = "Hearth accepts function code only as a base64-encoded zip file in "
            + "ZipFile; S3Bucket, S3Key, S3ObjectVersion and ImageUri are not supported";

    private FunctionFields() {}

    /** The runtime named by {@code Runtime}, or null when absent. */
    static Runtime runtime(ObjectNode body) {
        String id = JsonFields.string(body, "Runtime");
        if (id == null) return null;
        return Runtime.of(id).orElseThrow(() -> HearthException.invalid("1 validation error detected: Value '" + id
                + "' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["
                + Runtime.supportedList() + "]"));
    }

    /** {@code Environment.Variables}; an Environment without Variables is the empty map; null when absent. */
    static Map<String, String> environment(ObjectNode body) {
        ObjectNode env = JsonFields.object(body, "Environment");
        if (env == null) return null;
        Map<String, String> vars = JsonFields.stringMap(env, "Variables");
        return vars == null ? Map.of() : vars;
    }

    /** The decoded {@code ZipFile} of {@code code}; any other code source is refused. */
    static byte[] zip(ObjectNode code) {
        if (code == null) throw HearthException.invalid("Please provide a source for function code: " + ONLY_ZIP);
        for (String other : List.of("S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri")) {
            if (JsonFields.string(code, other) != null) throw HearthException.invalid(ONLY_ZIP);
        }
        byte[] zip = JsonFields.binary(code, "ZipFile");
        if (zip == null) throw HearthException.invalid("Please provide a source for function code: " + ONLY_ZIP);
        return zip;
    }

    /** Refuses request fields asking for what Hearth does not do. */
    static void refuseUnsupported(ObjectNode body) {
        String packageType = JsonFields.string(body, "PackageType");
        if (packageType != null && !packageType.equals("Zip")) {
            throw HearthException.invalid("PackageType " + packageType + " is not supported: Hearth runs Zip "
                    + "deployment packages only");
        }
        List<String> layers = JsonFields.stringList(body, "Layers");
        if (layers != null && !layers.isEmpty()) {
            throw HearthException.invalid("Layers are not supported by Hearth: include dependencies in the "
                    + "deployment package");
        }
        List<String> architectures = JsonFields.stringList(body, "Architectures");
        if (architectures != null && !architectures.equals(List.of("x86_64"))) {
            throw HearthException.invalid("Architectures " + architectures + " are not supported: Hearth reports "
                    + "functions as [x86_64]");
        }
    }
}
