package io.hearth.runtime.java;

/**
 * What an object implementing one of the function's {@code aws-lambda-java-core} interfaces
 * (Context, LambdaLogger, ...) does: every call arrives here by method name with its single
 * argument (or null). {@link Bridges} routes the calls, through a generated class or a proxy.
 */
interface Answers {
    Object answer(String method, Object arg);
}
