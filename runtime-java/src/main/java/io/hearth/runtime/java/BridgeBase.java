package io.hearth.runtime.java;

/**
 * Superclass of the classes {@link Bridges} generates; public only because those classes live in
 * another class loader. Each generated method calls {@link #hearth$answer} with its name.
 */
public abstract class BridgeBase {
    private final Answers answers;

    protected BridgeBase(Object answers) {
        this.answers = (Answers) answers;
    }

    /** A new instance of the same generated class answering with {@code answers} (no reflection). */
    public abstract Object hearth$make(Object answers);

    public final Object hearth$answer(String method, Object arg) {
        return answers.answer(method, arg);
    }

    /** Thrown by generated methods whose signature the runtime cannot route (none in core 1.4.0). */
    public final RuntimeException hearth$unsupported(String method) {
        return new UnsupportedOperationException(method + " is not supported by Hearth's Java runtime");
    }

    @Override
    public String toString() {
        return answers.toString();
    }
}
