package io.hearth.cli;

import picocli.CommandLine.Option;

/**
 * Which namespace a {@code hearth kv} command works in: a function's own ({@code --function F},
 * {@code function:F}) or a shared one ({@code --namespace NS}, {@code shared:NS}). Used as an
 * exclusive argument group of multiplicity 1, so exactly one of them is required.
 */
final class KvNamespaceOption {
    @Option(names = "--function", paramLabel = "F", required = true,
            description = "The function's own namespace (function:F).")
    String function;

    @Option(names = "--namespace", paramLabel = "NS", required = true,
            description = "A shared namespace (shared:NS).")
    String shared;

    /** The namespace id the Hearth API takes. */
    String id() {
        return function != null ? "function:" + function : "shared:" + shared;
    }
}
