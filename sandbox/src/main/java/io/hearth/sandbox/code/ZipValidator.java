package io.hearth.sandbox.code;

import io.hearth.model.HearthException;
import java.nio.ByteBuffer;

/**
 * Checks an uploaded deployment package without writing anything: the whole archive is read, central
 * directory and every entry's data, with the same checks {@link CodeCache} applies while unpacking.
 * Thread-safe; each call uses its own inflater and buffers.
 */
public final class ZipValidator {
    private final ZipLimits limits;

    public ZipValidator(ZipLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads the whole archive and summarizes it.
     *
     * @throws HearthException {@code INVALID_PARAMETER_VALUE} for empty, corrupt or non-zip bytes
     *         ("Could not unzip uploaded file. ..."), an archive above the zipped or unzipped limits or
     *         with too many entries (counting inflated bytes, never trusting declared sizes), entry names
     *         that are absolute, contain {@code ..}, a drive letter or a backslash, duplicate names,
     *         and symbolic links that resolve outside the package
     */
    public ZipSummary validate(byte[] zip) {
        if (zip.length > limits.maxZippedBytes()) throw Refusals.zippedTooLarge(limits.maxZippedBytes());
        ZipArchive archive = ZipArchive.read(ByteBuffer.wrap(zip), limits);
        try (EntryReader reader = new EntryReader(archive, limits)) {
            PackagePlan plan = PackagePlanner.plan(archive, limits, reader);
            for (PackagePlan.PlannedFile file : plan.files()) reader.check(file.entry());
            return new ZipSummary(archive.entries().size(), reader.produced(), plan.executableBootstrap());
        }
    }
}
