/**
 * The code cache: deployment packages (zip) are checked at upload by {@link io.hearth.sandbox.code.ZipValidator}
 * and unpacked once per CodeSha256 by {@link io.hearth.sandbox.code.CodeCache} into a content-addressed,
 * read-only tree that sandboxes see as their {@code /var/task}.
 *
 * <p>Reading a zip goes through three steps shared by both public classes: {@code ZipArchive} parses the
 * central directory and cross-checks it against the local headers, {@code PackagePlanner} checks the
 * entry list as a file tree (names, duplicates, symbolic links, declared sizes) before any data is read,
 * and {@code EntryReader} inflates entry data while counting every produced byte.
 */
package io.hearth.sandbox.code;
