package io.hearth.model;

import java.util.List;
import java.util.Map;

/**
 * The closed set of control-plane commands, parsed and validated at the HTTP edge. Each carries
 * only already-valid values: names are checked, configs constructed, zips decoded (their
 * contents are checked by the code cache when stored).
 */
public sealed interface ControlCommand {

    record CreateFunction(String name, FunctionConfig config, byte[] zip, Map<String, String> tags,
                          boolean publish) implements ControlCommand {}

    record UpdateFunctionCode(FunctionRef ref, byte[] zip, String expectedRevisionId, boolean publish,
                              boolean dryRun) implements ControlCommand {}

    record UpdateFunctionConfiguration(FunctionRef ref, ConfigPatch patch, String expectedRevisionId)
            implements ControlCommand {}

    record DeleteFunction(FunctionRef ref) implements ControlCommand {}

    record TagResource(String arn, Map<String, String> tags) implements ControlCommand {}

    /** {@code codeSha256} (base64) and {@code expectedRevisionId} are preconditions when not null. */
    record PublishVersion(String functionName, String codeSha256, String description, String expectedRevisionId)
            implements ControlCommand {}

    record CreateAlias(String functionName, String aliasName, String functionVersion, String description,
                       Map<String, Double> additionalVersionWeights) implements ControlCommand {}

    /** Absent fields (null) keep their value; {@code additionalVersionWeights} empty clears the routing. */
    record UpdateAlias(String functionName, String aliasName, String functionVersion, String description,
                       Map<String, Double> additionalVersionWeights, String expectedRevisionId) implements ControlCommand {}

    record DeleteAlias(String functionName, String aliasName) implements ControlCommand {}

    record UntagResource(String arn, List<String> keys) implements ControlCommand {}
}
