package io.hearth.runtime.java;

/**
 * The {@code aws-lambda-java-core} types as the function's class loader sees them — from the
 * function's own jars when it bundles the library, else from the copy shipped beside the runtime.
 * The runtime never compiles against them: it implements {@code Context} and friends with
 * {@link java.lang.reflect.Proxy} over these classes. Any of them is null when not loadable.
 */
record LambdaTypes(ClassLoader loader, Class<?> context, Class<?> logger, Class<?> clientContext, Class<?> client,
                   Class<?> cognitoIdentity, Class<?> requestHandler, Class<?> streamHandler, Class<?> customSerializer) {
    static final String CORE = "com.amazonaws.services.lambda.runtime.";

    static LambdaTypes load(ClassLoader loader) {
        return new LambdaTypes(loader, find(loader, "Context"), find(loader, "LambdaLogger"),
                find(loader, "ClientContext"), find(loader, "Client"), find(loader, "CognitoIdentity"),
                find(loader, "RequestHandler"), find(loader, "RequestStreamHandler"), find(loader, "CustomPojoSerializer"));
    }

    private static Class<?> find(ClassLoader loader, String simpleName) {
        try {
            return Class.forName(CORE + simpleName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
