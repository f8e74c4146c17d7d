package io.hearth.model;

/** Formats and reads this node's function ARNs ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}). */
public record Arns(String region, String account) {

    public String function(String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    public String function(String name, String qualifier) {
        return function(name) + ":" + qualifier;
    }

    /**
     * The function name in a tagging ARN (unqualified function ARN); throws
     * InvalidParameterValueException for anything else.
     */
    public String functionNameOf(String arn) {
        FunctionRef ref = FunctionRef.parse(arn, null);
        if (!arn.startsWith("arn:") || ref.qualifier().isPresent()) {
            throw HearthException.invalid("1 validation error detected: Value '" + arn
                    + "' at 'resource' failed to satisfy constraint: Member must be an unqualified function ARN");
        }
        return ref.name();
    }
}
