"""Hearth's sandbox launcher: starts sandbox processes for the server and reports their exits.

Started once by the server (python3 -I -S -B launcher.py). It exists because a process started
from the JVM costs time in proportion to the JVM's open files (its spawn helper lists
/proc/self/fd and closes each one, about 4 us apiece), and a node's JVM holds two per live
sandbox. This process holds five, and its descriptors are close-on-exec, so a start costs the
same on an empty node and on a full one.

Requests on stdin, each a list of netstrings (decimal length, ':', bytes):
    spawn ID CWD STDOUT ARGC ARG... ENVC NAME=VALUE...
        stdin is /dev/null; stdout and stderr append to the file STDOUT (created 0600).
    ack ID
        the server has taken the process's handle: it may be reaped once it ends (until then an
        ended process stays a zombie, so that the pid the server is told still names it).
    kill ID SIGNAL
        signals the process if it has not been reaped yet (so never a reused pid).
Answers on stdout, one line each:
    pid ID PID           the process runs
    error ID ERRNO TEXT  it did not start (TEXT is one line)
    exit ID CODE         it ended: its exit status, or 128 + the signal that ended it
EOF on stdin ends the launcher. Its processes were started by its main thread, so a bubblewrap
sandbox's --die-with-parent then ends them (the same as when the server itself dies).
"""
import os
import signal
import sys
import threading

_lock = threading.Lock()          # the live table and the answers
_live = {}                        # pid -> id, until reaped
_acked = set()                    # pids the server has acknowledged
_children = threading.Condition(_lock)
_SIGNALS = {s for s in signal.valid_signals() if s not in (signal.SIGKILL, signal.SIGSTOP)}


def _answer(line):
    data = (line + "\n").encode("utf-8", "replace")
    while data:
        data = data[os.write(1, data):]


def _read_exact(stream, n):
    data = stream.read(n)
    if data is None or len(data) < n:
        raise EOFError
    return data


def _field(stream):
    digits = b""
    while True:
        c = stream.read(1)
        if not c:
            raise EOFError
        if c == b":":
            break
        if not c.isdigit() or len(digits) > 9:
            raise ValueError("bad request framing")
        digits += c
    return _read_exact(stream, int(digits))


def _spawn(stream):
    rid = _field(stream).decode()
    cwd = _field(stream)
    out = _field(stream)
    argv = [_field(stream) for _ in range(int(_field(stream)))]
    env = [_field(stream) for _ in range(int(_field(stream)))]
    environ = {}
    for entry in env:
        name, _, value = entry.partition(b"=")
        environ[name] = value
    actions = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.fsdecode(out), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600),
               (os.POSIX_SPAWN_DUP2, 1, 2)]
    with _lock:
        try:
            os.chdir(cwd)
            pid = os.posix_spawn(argv[0], argv, environ, file_actions=actions, setsigdef=_SIGNALS, setsigmask=())
        except OSError as e:
            _answer(f"error {rid} {e.errno or 0} {' '.join(str(e.strerror or e).split())}")
            return
        _live[pid] = rid
        _answer(f"pid {rid} {pid}")
        _children.notify()


def _ack(stream):
    rid = _field(stream).decode()
    with _lock:
        for pid, owner in _live.items():
            if owner == rid:
                _acked.add(pid)
                _children.notify_all()
                return


def _kill(stream):
    rid = _field(stream).decode()
    sig = int(_field(stream))
    with _lock:
        for pid, owner in _live.items():
            if owner == rid:
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
                return


def _reap():
    """Waits for any child to end (without reaping it), then, holding the lock, reaps it and says so."""
    while True:
        with _lock:
            while not _live:
                _children.wait()
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT)
        except ChildProcessError:
            continue
        except InterruptedError:
            continue
        if info is None:
            continue
        with _lock:
            while info.si_pid in _live and info.si_pid not in _acked:
                _children.wait()
            _acked.discard(info.si_pid)
            rid = _live.pop(info.si_pid, None)
            os.waitpid(info.si_pid, 0)
            code = info.si_status if info.si_code == os.CLD_EXITED else 128 + info.si_status
            if rid is not None:
                _answer(f"exit {rid} {code}")


def main():
    os.umask(0o077)
    threading.Thread(target=_reap, name="reaper", daemon=True).start()
    stream = sys.stdin.buffer
    try:
        while True:
            try:
                verb = _field(stream)
            except EOFError:
                break
            if verb == b"spawn":
                _spawn(stream)
            elif verb == b"ack":
                _ack(stream)
            elif verb == b"kill":
                _kill(stream)
            else:
                raise ValueError("unknown request " + verb.decode(errors="replace"))
    except (EOFError, ValueError) as e:
        if not isinstance(e, EOFError):
            sys.stderr.write(f"hearth launcher: {e}\n")
        os._exit(1)
    os._exit(0)


if __name__ == "__main__":
    main()
