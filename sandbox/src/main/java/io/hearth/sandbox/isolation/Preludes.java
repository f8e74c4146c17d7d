package io.hearth.sandbox.isolation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The two short {@code /bin/sh} scripts around bubblewrap.
 *
 * <p>{@link #HOST} runs on the host, as root: it writes its own pid into each of the sandbox's
 * {@code cgroup.procs} files (its arguments after the first, up to {@code --}) and then execs the
 * rest, bubblewrap, which therefore starts, and forks everything it forks, inside the limits;
 * bubblewrap's fd 3 is the seccomp filter file named by the first argument (read by
 * {@code --seccomp 3}; {@code /dev/null} when there is none).
 *
 * <p>{@link #start} runs inside the sandbox, already as the unprivileged uid: it restores the
 * function's environment and execs the runtime. The Runtime API's TCP port on the sandbox's own
 * loopback ({@code 127.0.0.1:9001}, what {@code AWS_LAMBDA_RUNTIME_API} names) is served by
 * Hearth's own runtimes themselves ({@code HEARTH_RUNTIME_RELAY}; they use the bind-mounted Unix
 * socket); for any other runtime (a {@code provided} bootstrap) the script first starts a relay,
 * {@code socat} from that port to the socket, and, as such a runtime connects at once, waits
 * until it listens (its entry in {@code /proc/net/tcp}, read with shell builtins only; about 5 ms,
 * socat's own start). A sandbox with outbound network first waits, at most about 2 s, for the host to
 * connect it ({@link #NETWORK_WAIT}), so that user code never runs before its network is up; a
 * network that does not come up ends the sandbox with exit status 125 and a line saying so.
 *
 * <p>The environment. Everything that runs before the uid drop (the host script, bubblewrap,
 * setpriv) is a privileged process, and a function's environment is its author's to choose: an
 * {@code LD_PRELOAD} or {@code GCONV_PATH} there would run the author's code as root. So those
 * processes see only {@code PATH} and {@code HEARTH_ENV_1…N}, each holding one {@code NAME=value}
 * that no program interprets; {@link #start}'s script exports them after the drop. A name must be
 * a shell variable name and start with neither {@code __h_} (the script's own variables) nor
 * {@code HEARTH_ENV_} (the carriers); a function's names start with a letter (Lambda's rule), the
 * platform's own may be {@code _HANDLER}.
 */
final class Preludes {
    static final String HOST = """
            __h_f=$1
            shift
            while [ "$1" != -- ]; do
              echo $$ > "$1" || { echo "hearth: cannot join cgroup $1" >&2; exit 125; }
              shift
            done
            shift
            exec "$@" 3< "$__h_f"
            """;

    /** Starts the relay in the background: socat, its port, the socket. */
    private static final String RELAY = """
            %1$s TCP-LISTEN:%2$d,bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:%3$s </dev/null >/dev/null 2>&1 &
            """;

    /**
     * Outbound sandboxes: waits until the host has connected the network (slirp4netns configures
     * {@code tap0} and then the default route through it, so the route's line in the namespace's
     * own {@code /proc/net/route} means it is up); polls every 5 ms, gives up after about 2 s.
     */
    static final String NETWORK_WAIT = """
            __h_n=0
            while :; do
              while read -r __h_a __h_l __h_x; do
                case "$__h_a $__h_l" in "%1$s 00000000") break 2;; esac
              done < /proc/net/route
              __h_n=$((__h_n + 1))
              if [ "$__h_n" -gt 400 ]; then
                echo "hearth: the sandbox's outbound network did not come up within 2 s" >&2; exit 125
              fi
              sleep 0.005
            done
            unset __h_n __h_a __h_l __h_x
            """;

    private static final String RESTORE_ENVIRONMENT = """
            __h_c=${HEARTH_ENV_COUNT:-0}
            unset HEARTH_ENV_COUNT
            __h_i=1
            while [ "$__h_i" -le "$__h_c" ]; do
              eval "__h_v=\\${HEARTH_ENV_$__h_i}"
              unset "HEARTH_ENV_$__h_i"
              export "$__h_v"
              __h_i=$((__h_i + 1))
            done
            unset __h_c __h_i __h_v
            """;

    /** Waits until the relay listens: its entry (address, state LISTEN) in {@code /proc/net/tcp}. */
    private static final String RELAY_WAIT = """
            __h_n=0
            while :; do
              while read -r __h_a __h_l __h_r __h_s __h_x; do
                case "$__h_l $__h_s" in "%1$s 0A") break 2;; esac
              done < /proc/net/tcp
              __h_n=$((__h_n + 1))
              if [ "$__h_n" -gt 100000 ]; then echo "hearth: the Runtime API relay did not start" >&2; exit 125; fi
            done
            unset __h_n __h_a __h_l __h_r __h_s __h_x
            """;

    private static final String EXEC = """
            exec "$@"
            """;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String OWN = "__h_";
    private static final String CARRIER = "HEARTH_ENV_";

    private Preludes() {}

    /**
     * The start script. {@code socat}: the relay to start (and wait for) before the runtime, or
     * null when the runtime serves the port itself; {@code waitForNetwork}: exec the runtime only
     * once the outbound network is up (first, before the function's environment is restored,
     * while {@code PATH} is still the platform's).
     */
    static String start(String socat, boolean waitForNetwork) {
        var script = new StringBuilder();
        if (socat != null) {
            script.append(String.format(Locale.ROOT, RELAY, socat, SandboxPaths.RELAY_PORT, SandboxPaths.SOCKET));
        }
        if (waitForNetwork) script.append(String.format(Locale.ROOT, NETWORK_WAIT, OutboundNetwork.TAP));
        script.append(RESTORE_ENVIRONMENT);
        if (socat != null) {
            script.append(String.format(Locale.ROOT, RELAY_WAIT,
                    String.format(Locale.ROOT, "0100007F:%04X", SandboxPaths.RELAY_PORT)));
        }
        return script.append(EXEC).toString();
    }

    /**
     * The environment of the privileged processes, carrying {@code function} for {@link #start}
     * to restore (in name order).
     *
     * @throws IllegalArgumentException for a name that is not a valid variable name
     */
    static Map<String, String> carry(Map<String, String> function) {
        var env = new HashMap<String, String>();
        env.put("PATH", "/usr/bin:/bin");
        int i = 0;
        for (var e : new TreeMap<>(function).entrySet()) {
            if (!NAME.matcher(e.getKey()).matches() || e.getKey().startsWith(OWN) || e.getKey().startsWith(CARRIER)) {
                throw new IllegalArgumentException("not a valid environment variable name: '" + e.getKey() + "'");
            }
            if (e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable " + e.getKey() + " contains a NUL character");
            }
            env.put("HEARTH_ENV_" + (++i), e.getKey() + "=" + e.getValue());
        }
        env.put("HEARTH_ENV_COUNT", Integer.toString(i));
        return env;
    }
}
