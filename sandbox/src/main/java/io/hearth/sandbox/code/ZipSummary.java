package io.hearth.sandbox.code;

/**
 * What validating a deployment package found.
 *
 * @param entries                entries listed in the central directory, directories included
 * @param unzippedBytes          bytes actually inflated (file contents and symbolic link targets)
 * @param hasExecutableBootstrap whether {@code bootstrap} at the package root (or what it links to) is a file
 *                               with an executable bit, as a {@code provided} runtime needs
 */
public record ZipSummary(int entries, long unzippedBytes, boolean hasExecutableBootstrap) {}
