package io.hearth.runtime.java;

import java.time.Clock;

/**
 * A function ready to invoke: its handler and the factory of its contexts, made by
 * {@link #load} from an {@link Environment} — the init phase. Loading sets the function's class
 * loader as the thread's context loader and makes one context up front, so the first invocation
 * does not pay for generating the Context bridge class.
 */
record LoadedFunction(HandlerMethod handler, ContextFactory contexts) {

    static LoadedFunction load(Environment env, String handlerName, Clock clock) throws UserFault {
        ClassLoader loader = FunctionCode.loader(env.taskRoot(), LoadedFunction.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        LambdaTypes types = LambdaTypes.load(loader);
        HandlerMethod handler = HandlerLoader.load(handlerName, types);
        ContextFactory contexts = new ContextFactory(types, env, clock);
        if (handler.needsContext()) {
            contexts.create(new Invocation("init", 0, null, null, null, null, null, false, new byte[0]));
        }
        return new LoadedFunction(handler, contexts);
    }
}
