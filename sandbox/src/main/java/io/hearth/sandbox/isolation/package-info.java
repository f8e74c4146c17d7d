/**
 * Sandbox isolation: the driver that turns a runtime's command line into the process actually
 * started ({@link io.hearth.sandbox.isolation.Isolation}, chosen once from
 * {@code --isolation none|namespaces|auto}).
 *
 * <h2>namespaces, as built</h2>
 * <pre>
 *   server (root) ── launcher (python3, root; starts each sandbox, reports its exit)
 *        │              └─ sh: join cgroups, fd 3 = seccomp filter ── exec bwrap (root, host)
 *        │                                                        │ mount, pid, ipc, uts, net, cgroup namespaces
 *        │ Unix socket DATA/…/runtime.sock                        └─ bwrap init (pid 1) ── setpriv → uid 65534, no caps,
 *        │   bind-mounted at /run/hearth/runtime.sock                   no_new_privs, seccomp ── sh: exec runtime
 *        └─────────────── Runtime API (Jetty) ◄──────────────────────── Hearth's runtimes (socket; they serve 127.0.0.1:9001
 *                                                                       for their handler code) / a provided bootstrap
 *                                                                       (127.0.0.1:9001 → socat relay, started by sh first)
 *
 *   hearth:network=outbound only:
 *   server ── slirp4netns (host, root, self-confined; stdin = exit pipe) ══ tap0 in the sandbox's net namespace
 * </pre>
 *
 * <p><b>What a function sees.</b> The host's root read-only; {@code /var/task} (its code,
 * read-only), {@code /var/runtime} (Hearth's bootstraps, read-only), a private {@code /tmp}
 * (tmpfs, 512 MiB by default, charged to its memory limit), a fresh {@code /proc} of its own pid
 * namespace and a minimal {@code /dev}. Empty in its place: {@code /var} (but the two above),
 * {@code /run} (but the Runtime API socket), {@code /home}, {@code /root}, {@code /mnt},
 * {@code /media}, {@code /srv}, Hearth's data directory, and {@code /sys/fs/cgroup} (but its own
 * cgroups). An interpreter kept under a hidden directory (pyenv under /root) is bound back at the
 * same path, its installation prefix only.
 *
 * <p><b>What it can do.</b> Run as host uid 65534 with no capability in any namespace, so the
 * host's files are subject to their "other" permission bits ({@code /etc/shadow} is not
 * readable); no setuid binary raises it (no_new_privs, empty bounding set). Signal, trace or see
 * only its own processes. Network: its own loopback only, where {@code 127.0.0.1:9001} is relayed
 * to the Runtime API (by Hearth's runtime process itself, or by socat for a {@code provided}
 * bootstrap); no route anywhere else, so the host's loopback
 * services (Hearth's API, PostgreSQL, Redis…) and their Unix sockets (hidden with {@code /run})
 * are out of reach. A function tagged {@code hearth:network=outbound}
 * ({@link io.hearth.sandbox.isolation.NetworkAccess}) also gets a route out through slirp4netns
 * ({@link io.hearth.sandbox.isolation.OutboundNetwork}): everything the host reaches but its
 * loopback. It cannot create namespaces, mount, use ptrace, bpf, keyrings, io_uring or
 * load modules (seccomp, {@link io.hearth.sandbox.isolation.SeccompFilter}). Its memory is
 * capped at MemorySize (the kernel kills inside the cgroup), its processes at the pids limit,
 * and it gets CPU in proportion to memory.
 *
 * <p><b>Why bubblewrap runs as root, without a user namespace.</b> A user namespace made by root
 * maps the sandbox to host root, the owner of every system file; an unprivileged bubblewrap
 * cannot read the server's data (pyenv under {@code /root}, a data directory under a private
 * parent) to bind it. So root sets up the mounts and namespaces and {@code setpriv} drops to the
 * sandbox uid before any user code runs. A function's environment variables are carried past
 * the privileged processes under neutral names ({@link io.hearth.sandbox.isolation.Preludes}):
 * an {@code LD_PRELOAD} of the function's must never reach a root process.
 *
 * <p><b>Crash safety.</b> Bubblewrap is started with {@code --die-with-parent} by the
 * {@link io.hearth.sandbox.isolation.Launcher}'s main thread (which ends with the server: the
 * launcher exits at the end of its stdin), or, without a launcher, from one long-lived thread
 * ({@link io.hearth.sandbox.isolation.Spawner}), so a server that dies takes its sandboxes with it (and their slirp4netns, whose exit pipe closes with the server:
 * {@link io.hearth.sandbox.isolation.SlirpLink}); cgroups a crashed run left are removed at the next start
 * ({@link io.hearth.sandbox.isolation.Isolation#cleanupLeftovers()}).
 */
package io.hearth.sandbox.isolation;
