package io.hearth.runtimeapi;

/** What a runtime answered for one delivered invocation. */
public sealed interface RuntimeReply {

    /** {@code POST /invocation/{id}/response}. */
    record Response(byte[] body) implements RuntimeReply {}

    /** {@code POST /invocation/{id}/error}; {@code errorType} from the Lambda-Runtime-Function-Error-Type header. */
    record Error(String errorType, byte[] body) implements RuntimeReply {}

    /** {@code POST /runtime/init/error} while the invocation waited for the runtime's first poll. */
    record InitError(String errorType, byte[] body) implements RuntimeReply {}

    /** The runtime tried to post a response larger than the limit; nothing of it was kept. */
    record TooLarge(long limitBytes) implements RuntimeReply {}
}
