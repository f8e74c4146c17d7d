package io.hearth.it;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** A synchronous invoke on a given node. */
final class InvokeSdkTestSupport {
    private InvokeSdkTestSupport() {}

    static InvokeResponse invoke(RunningHearth h, String fn, String payload) {
        return h.lambda().invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(payload)));
    }
}
