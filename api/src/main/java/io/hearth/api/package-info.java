/**
 * Hearth's HTTP adapters: the AWS Lambda API and the Hearth API as one Jetty core handler.
 *
 * <p>Shape: {@link io.hearth.api.ApiHandler} splits the raw path once and hands the request to one
 * of two route tables ({@code LambdaRoutes}, {@code HearthRoutes}); each row names one small
 * operation class ({@code CreateFunctionHandler}, {@code InvokeHandler}, ...) that parses and
 * validates the request into the model's commands ({@code ControlCommand}, {@code InvokeCommand}),
 * calls the engine facade, and answers through {@code Exchange}. Every refusal is a
 * {@code HearthException} turned into a Lambda-style error by {@code ErrorResponses} alone;
 * {@link io.hearth.api.ApiErrorHandler} gives Jetty's own refusals the same shape.
 *
 * <p>Threads: {@code handle} blocks (body reads, sync invokes) and is meant for virtual threads.
 * No locks; the only shared state is immutable route tables and Jackson factories.
 */
package io.hearth.api;
