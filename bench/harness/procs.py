"""Child processes of the benchmark: start them in their own session, find their descendants
through /proc, account their CPU time, and stop them (TERM, then KILL, by pid and by the
session's process group) so that no process outlives a run, also after Ctrl-C or a failure."""
import ctypes
import os
import signal
import subprocess
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """preexec_fn: the child gets SIGTERM if bench/run dies without cleaning up (e.g. SIGKILL)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except OSError:
        pass


def start(argv, log_path, cwd=None, env=None):
    """Starts argv in a new session (its pid is also its process group id), output to log_path."""
    log = open(log_path, "ab")
    try:
        return subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=_die_with_parent)
    finally:
        log.close()


def read_stat(pid):
    """(ppid, pgid, comm, utime+stime in seconds) of a live process, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    close = raw.rfind(")")
    comm = raw[raw.find("(") + 1:close]
    fields = raw[close + 2:].split()
    # fields[0] is state (field 3); utime/stime are fields 14/15 → index 11/12 here.
    return int(fields[1]), int(fields[2]), comm, (int(fields[11]) + int(fields[12])) / CLK_TCK


def all_stats():
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = read_stat(int(name))
            if st is not None:
                out[int(name)] = st
    return out


# Hearth's store writer threads by the first 15 characters of their names (what /proc shows).
STORE_WRITERS = {"hearth-log-writer"[:15]: "logs", "hearth-decision-writer"[:15]: "decisions",
                 "idempotency-writer"[:15]: "records"}


def thread_cpu(pid):
    """CPU seconds of a process's threads by kind: JIT compiler threads, GC threads, Hearth's
    store writer threads (log entries, idempotency decisions, idempotency records), the rest."""
    out = {"jit": 0.0, "gc": 0.0, "logs": 0.0, "decisions": 0.0, "records": 0.0, "other": 0.0}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                raw = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        close = raw.rfind(")")
        comm = raw[raw.find("(") + 1:close]
        fields = raw[close + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLK_TCK
        if comm.startswith(("C1 Compiler", "C2 Compiler")):
            out["jit"] += cpu
        elif comm.startswith(("GC Thread", "G1 ", "GC ")):
            out["gc"] += cpu
        elif comm in STORE_WRITERS:
            out[STORE_WRITERS[comm]] += cpu
        else:
            out["other"] += cpu
    return out


def descendants(root, stats=None):
    """pid → (comm, cpu seconds) of every live descendant of root (not root itself)."""
    stats = stats if stats is not None else all_stats()
    children = {}
    for pid, (ppid, _, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found[pid] = (stats[pid][2], stats[pid][3])
        todo.extend(children.get(pid, []))
    return found


def group_members(pgid):
    """Live pids whose process group is pgid (the session leader's pid for our children)."""
    return [pid for pid, st in all_stats().items() if st[1] == pgid]


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def cpu_busy():
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        parts = f.readline().split()[1:]
    values = [int(v) for v in parts[:8]]  # user nice system idle iowait irq softirq steal
    idle = values[3] + values[4]
    total = sum(values)
    return (total - idle) / CLK_TCK, total / CLK_TCK


def stop(proc, name, grace=20.0):
    """Stops a child started by start(): SIGTERM, wait up to grace seconds, then SIGKILL; then
    SIGKILL whatever is left in its process group. Returns a short description of what it did."""
    if proc is None:
        return f"{name}: not started"
    pgid = proc.pid
    note = f"{name}: already exited ({proc.returncode})" if proc.poll() is not None else None
    if note is None:
        try:
            proc.send_signal(signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
            note = f"{name}: stopped by SIGTERM (exit {proc.returncode})"
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            note = f"{name}: did not stop in {grace:.0f} s, killed"
    left = group_members(pgid)
    if left:
        kill_all(left)
        note += f"; killed {len(left)} leftover process(es) of its group: {left}"
    return note


def wait_gone(pgid, timeout=5.0):
    """Polls until no process of group pgid is left; returns the pids still there at timeout."""
    deadline = time.monotonic() + timeout
    while True:
        left = group_members(pgid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def kill_all(pids):
    """SIGKILL each of pids; one already gone is fine."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
