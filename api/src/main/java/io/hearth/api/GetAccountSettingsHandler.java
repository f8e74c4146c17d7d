package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.AccountLimits;

/**
 * {@code GET /2016-08-19/account-settings} → {@code AccountLimit} (TotalCodeSize,
 * CodeSizeUnzipped, CodeSizeZipped, ConcurrentExecutions, UnreservedConcurrentExecutions) and
 * {@code AccountUsage} (TotalCodeSize used, FunctionCount).
 */
final class GetAccountSettingsHandler implements Operation {
    private final ControlPlane control;

    GetAccountSettingsHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        AccountLimits limits = control.accountLimits();
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("AccountLimit");
            g.writeNumberField("TotalCodeSize", limits.totalCodeSize());
            g.writeNumberField("CodeSizeUnzipped", limits.codeSizeUnzipped());
            g.writeNumberField("CodeSizeZipped", limits.codeSizeZipped());
            g.writeNumberField("ConcurrentExecutions", limits.concurrentExecutions());
            g.writeNumberField("UnreservedConcurrentExecutions", limits.unreservedConcurrentExecutions());
            g.writeEndObject();
            g.writeObjectFieldStart("AccountUsage");
            g.writeNumberField("TotalCodeSize", limits.codeSizeUsed());
            g.writeNumberField("FunctionCount", limits.functionCount());
            g.writeEndObject();
            g.writeEndObject();
        }));
    }
}
