package io.hearth.api;

/**
 * One API operation: reads its (already routed) request from the {@link Exchange}, calls the
 * engine and answers on the exchange. Refusals are thrown as {@link io.hearth.model.HearthException}
 * and answered by {@link ErrorResponses}; nothing else writes error bodies.
 */
@FunctionalInterface
interface Operation {
    void handle(Exchange ex) throws Exception;

    /**
     * True for an operation written never to block, which then runs on the I/O thread that read
     * the request (it may {@link Exchange#offload} the parts that do block). Others run on a
     * virtual thread of their own.
     */
    default boolean runsInline() {
        return false;
    }
}
