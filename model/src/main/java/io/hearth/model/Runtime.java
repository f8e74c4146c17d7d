package io.hearth.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The runtimes Hearth can run, by their Lambda identifier. */
public enum Runtime {
    PYTHON_3_9("python3.9", Family.PYTHON),
    PYTHON_3_10("python3.10", Family.PYTHON),
    PYTHON_3_11("python3.11", Family.PYTHON),
    PYTHON_3_12("python3.12", Family.PYTHON),
    PYTHON_3_13("python3.13", Family.PYTHON),
    PYTHON_3_14("python3.14", Family.PYTHON),
    NODEJS_18("nodejs18.x", Family.NODE),
    NODEJS_20("nodejs20.x", Family.NODE),
    NODEJS_22("nodejs22.x", Family.NODE),
    NODEJS_24("nodejs24.x", Family.NODE),
    JAVA_17("java17", Family.JAVA, 17),
    JAVA_21("java21", Family.JAVA, 21),
    JAVA_25("java25", Family.JAVA, 25),
    PROVIDED("provided", Family.PROVIDED),
    PROVIDED_AL2("provided.al2", Family.PROVIDED),
    PROVIDED_AL2023("provided.al2023", Family.PROVIDED);

    /**
     * How a runtime is started: by Hearth's own bootstrap for a language (Hearth's Java runtime for
     * {@code JAVA}), or the zip's bootstrap.
     */
    public enum Family { PYTHON, NODE, JAVA, PROVIDED }

    private final String id;
    private final Family family;
    private final int javaFeature;

    Runtime(String id, Family family) {
        this(id, family, 0);
    }

    Runtime(String id, Family family, int javaFeature) {
        this.id = id;
        this.family = family;
        this.javaFeature = javaFeature;
    }

    public String id() { return id; }

    public Family family() { return family; }

    /**
     * The Java feature version a {@link Family#JAVA} runtime stands for (17, 21, 25): its code may
     * need a JDK of at least this version. 0 for the other families.
     */
    public int javaFeature() { return javaFeature; }

    public static Optional<Runtime> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static String supportedList() {
        return Arrays.stream(values()).map(Runtime::id).collect(Collectors.joining(", "));
    }
}
