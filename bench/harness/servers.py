"""The two servers under test: the python floor (bench/floor_server.py) and a Hearth node
(./hearth server). Each is started in its own session with its output in a log file, and is
ready when it has printed its "listening on http://127.0.0.1:PORT" line and answers HTTP."""
import http.client
import os
import re
import subprocess
import sys
import time

from . import procs

LISTENING = re.compile(rb"listening on http://127\.0\.0\.1:(\d+)")


class BenchError(Exception):
    """A failure that stops the benchmark (printed without a traceback)."""


def _log_tail(path, lines=30):
    try:
        with open(path, "rb") as f:
            data = f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(data[-lines:])


def wait_listening(proc, log_path, name, timeout):
    """The port the process printed in its listening line; BenchError if it exits or is late."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(log_path, "rb") as f:
            m = LISTENING.search(f.read())
        if m:
            return int(m.group(1))
        if proc.poll() is not None:
            raise BenchError(f"{name} exited with {proc.returncode} before listening:\n{_log_tail(log_path)}")
        time.sleep(0.05)
    raise BenchError(f"{name} did not print its listening line within {timeout:.0f} s:\n{_log_tail(log_path)}")


def http_status(port, method, path, body=None, timeout=5.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def wait_http(port, path, name, timeout=30.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = http_status(port, "GET", path)
            if last == 200:
                return
        except OSError as e:
            last = e
        time.sleep(0.05)
    raise BenchError(f"{name}: GET {path} did not answer 200 within {timeout:.0f} s (last: {last})")


def start_floor(bench_dir, log_path):
    """Starts the floor server with this python (the interpreter running bench/run); see ready_floor."""
    argv = [sys.executable, os.path.join(bench_dir, "floor_server.py"), "--port", "0"]
    return procs.start(argv, log_path)


def ready_floor(proc, log_path):
    """The floor's port, once it listens and answers."""
    port = wait_listening(proc, log_path, "floor server", 30)
    wait_http(port, "/", "floor server")
    return port


def launcher_env(no_build):
    """The environment for ./hearth: with no_build, HEARTH_NO_BUILD=1 (use the jar as it is)."""
    env = dict(os.environ)
    if no_build:
        env["HEARTH_NO_BUILD"] = "1"
    else:
        env.pop("HEARTH_NO_BUILD", None)
    return env


def build_hearth(repo, log_path, no_build=False, timeout=900):
    """Runs `./hearth --version`, which (re)builds the server jar when its sources changed
    (unless no_build and the jar exists)."""
    with open(log_path, "ab") as log:
        try:
            done = subprocess.run([os.path.join(repo, "hearth"), "--version"], cwd=repo, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=log, timeout=timeout, env=launcher_env(no_build))
        except subprocess.TimeoutExpired:
            raise BenchError(f"./hearth --version (build) took more than {timeout} s; see {log_path}")
    if done.returncode != 0:
        raise BenchError(f"./hearth --version failed ({done.returncode}):\n{_log_tail(log_path)}")
    return done.stdout.decode("utf-8", "replace").strip()


def hearth_argv(repo, data_dir, concurrency, max_sandboxes, isolation=None, pool_min=None, pool_max=None,
                keep_alive=None, extra=()):
    """The command line of `./hearth server` on a free port; an option left None is not passed
    (the server's default applies); extra (more flags and values) is appended as given."""
    argv = [os.path.join(repo, "hearth"), "server", "--port", "0", "--data", data_dir,
            "--concurrency", str(concurrency), "--max-sandboxes", str(max_sandboxes)]
    for flag, value in (("--isolation", isolation), ("--warm-pool-min", pool_min), ("--warm-pool-max", pool_max),
                        ("--keep-alive", keep_alive)):
        if value is not None:
            argv += [flag, str(value)]
    return argv + [str(x) for x in extra]


def start_hearth(repo, data_dir, log_path, concurrency, max_sandboxes, no_build=False, isolation=None,
                 pool_min=None, pool_max=None, keep_alive=None, extra=()):
    """Starts `./hearth server` on a free port (with --isolation, --warm-pool-min/-max and
    --keep-alive when given, then the extra flags); see ready_hearth."""
    argv = hearth_argv(repo, data_dir, concurrency, max_sandboxes, isolation, pool_min, pool_max, keep_alive, extra)
    return procs.start(argv, log_path, cwd=repo, env=launcher_env(no_build))


ISOLATION_LINE = re.compile(rb"^Isolation: (.*)$", re.MULTILINE)


def isolation_line(log_path):
    """What the node said about its isolation at startup ("namespaces (bubblewrap …)", "none …"),
    or None when its log has no such line."""
    try:
        with open(log_path, "rb") as f:
            m = ISOLATION_LINE.search(f.read())
    except OSError:
        return None
    return m.group(1).decode("utf-8", "replace").strip() if m else None


def ready_hearth(proc, log_path):
    """The node's port, once it has printed its listening line and GET /health answers 200."""
    port = wait_listening(proc, log_path, "hearth server", 300)
    wait_http(port, "/health", "hearth server")
    return port


def java_version(pid):
    """`java -version` of the binary a running JVM was started from (via /proc/PID/exe)."""
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
        out = subprocess.run([exe, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=30).stdout.decode("utf-8", "replace").splitlines()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"
    runtime = next((line for line in out if "Runtime Environment" in line), out[0] if out else "")
    return f"{runtime.strip()} ({os.path.dirname(os.path.dirname(exe))})"
