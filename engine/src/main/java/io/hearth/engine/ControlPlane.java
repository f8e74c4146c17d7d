package io.hearth.engine;

import io.hearth.model.AccountLimits;
import io.hearth.model.AliasRecord;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Page;
import java.util.Map;

/**
 * Function management as the API adapters see it. Every method throws
 * {@link io.hearth.model.HearthException} with the Lambda error code on refusal
 * (ResourceNotFoundException, ResourceConflictException, InvalidParameterValueException,
 * PreconditionFailedException).
 */
public interface ControlPlane {

    /** Creates the function; returns what to show: {@code $LATEST}, or the version published with it. */
    FunctionVersion create(ControlCommand.CreateFunction cmd);

    /** The function (its {@code $LATEST} and tags); ResourceNotFound if the qualifier names nothing. */
    FunctionRecord get(FunctionRef ref);

    /**
     * The version a reference names: {@code $LATEST} (no qualifier), a published version number, or
     * the primary version of an alias.
     */
    FunctionVersion getVersion(FunctionRef ref);

    /** Functions ordered by name, after {@code marker} (null = from the start); 1 ≤ maxItems ≤ 10000. */
    Page<FunctionRecord> list(String marker, int maxItems);

    /** Updates {@code $LATEST}'s code; returns {@code $LATEST}, or the version published with it. */
    FunctionVersion updateCode(ControlCommand.UpdateFunctionCode cmd);

    /** Updates {@code $LATEST}'s configuration and returns it. */
    FunctionVersion updateConfiguration(ControlCommand.UpdateFunctionConfiguration cmd);

    /**
     * Deletes the function (no qualifier: every version and alias with it) or one published
     * version (a number; refused with ResourceConflictException while an alias points at it).
     */
    void delete(ControlCommand.DeleteFunction cmd);

    /**
     * Publishes {@code $LATEST} as the next version number; if {@code $LATEST} has not changed since
     * the last published version, returns that version instead (as Lambda does).
     */
    FunctionVersion publishVersion(ControlCommand.PublishVersion cmd);

    /** {@code $LATEST} first, then published versions in ascending order; marker = the last version shown. */
    Page<FunctionVersion> listVersions(String functionName, String marker, int maxItems);

    AliasRecord createAlias(ControlCommand.CreateAlias cmd);

    AliasRecord getAlias(String functionName, String aliasName);

    /** Aliases by name; {@code functionVersion} (nullable) keeps only aliases pointing at it. */
    Page<AliasRecord> listAliases(String functionName, String functionVersion, String marker, int maxItems);

    AliasRecord updateAlias(ControlCommand.UpdateAlias cmd);

    void deleteAlias(ControlCommand.DeleteAlias cmd);

    Map<String, String> listTags(String arn);

    void tag(ControlCommand.TagResource cmd);

    void untag(ControlCommand.UntagResource cmd);

    AccountLimits accountLimits();

    /**
     * Reserves {@code reserved} concurrent executions for the function (0 throttles it entirely),
     * carved out of the node's limit; InvalidParameterValueException when that would leave the
     * other functions fewer than the node's minimum unreserved share. Returns the value set.
     */
    int putReservedConcurrency(String functionName, int reserved);

    /** The function's reserved concurrency, empty when it has none. */
    java.util.OptionalInt reservedConcurrency(String functionName);

    /** Removes the reservation; ResourceNotFound for an unknown function (no reservation is fine). */
    void deleteReservedConcurrency(String functionName);

    /**
     * PutProvisionedConcurrencyConfig: keeps {@code requested} (≥ 1) execution environments of the published
     * version or alias {@code qualifier} initialised, replacing an earlier amount; answers at once, IN_PROGRESS
     * until they are. InvalidParameterValueException for {@code $LATEST} or no qualifier, and for more than the
     * function's reservation (all its qualifiers together) or, without one, than the node's unreserved share can
     * spare; ResourceNotFound for an unknown function, version or alias.
     */
    ProvisionedConfig putProvisionedConcurrency(String functionName, String qualifier, int requested);

    /**
     * GetProvisionedConcurrencyConfig: empty when the version or alias has none (the API answers
     * ProvisionedConcurrencyConfigNotFoundException); refusals as {@link #putProvisionedConcurrency}.
     */
    java.util.Optional<ProvisionedConfig> provisionedConcurrency(String functionName, String qualifier);

    /** ListProvisionedConcurrencyConfigs: by qualifier, after {@code marker} (null = from the start). */
    Page<ProvisionedConfig> listProvisionedConcurrency(String functionName, String marker, int maxItems);

    /**
     * DeleteProvisionedConcurrencyConfig: the configuration goes and its sandboxes stop; ResourceNotFound when
     * there is none (or no such function, version or alias).
     */
    void deleteProvisionedConcurrency(String functionName, String qualifier);

    /** The zip bytes of a stored code package, for {@code Code.Location}; not found if unknown. */
    byte[] codeZip(String sha256Hex);
}
