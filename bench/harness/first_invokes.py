"""First invokes of many new functions at once: the functions are created first (one after
another, not timed), then a fixed number of client threads, each on its own kept-alive
connection opened beforehand, invoke each function once. The threads start together (a barrier);
the wall time runs from the first request sent to the last answer received."""
import os
import queue
import threading
import time
from dataclasses import dataclass, field

from . import procs
from .lambda_api import LambdaClient


@dataclass
class Outcome:
    name: str
    status: int          # HTTP status; 0 for a socket error
    function_error: str  # X-Amz-Function-Error, "" when none
    body: bytes
    send_ns: int         # perf_counter_ns() before the request was written
    done_ns: int         # perf_counter_ns() after the answer was read

    @property
    def ok(self):
        return self.status == 200 and not self.function_error

    @property
    def ms(self):
        return (self.done_ns - self.send_ns) / 1e6


@dataclass
class CpuUse:
    """CPU seconds during a burst: the server process, its sandboxes (its live descendants, with
    the children each of them and the server reaped meanwhile: the isolation's short-lived
    helpers), everything else, over the wall seconds."""
    wall: float = 0.0
    server: float = 0.0
    server_jit_gc: float = 0.0    # of server: its JIT compiler and GC threads
    sandboxes: float = 0.0
    other: float = 0.0
    idle: float = 0.0
    by_comm: dict = field(default_factory=dict)   # sandboxes' CPU seconds by process name


def _reaped_cpu(pid):
    """cutime + cstime of a process (its waited-for children's CPU), seconds."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode("utf-8", "replace")
        fields = raw[raw.rfind(")") + 2:].split()
        return (int(fields[13]) + int(fields[14])) / procs.CLK_TCK
    except (OSError, ValueError, IndexError):
        return 0.0


def _precise_cpu(pid, fallback):
    """CPU seconds of a process from its threads' /proc/PID/task/TID/schedstat (nanoseconds:
    /proc/PID/stat counts in clock ticks, and rounds each short-lived sandbox process down by
    up to 10 ms); fallback when unreadable."""
    try:
        total = 0
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        return total / 1e9
    except (OSError, ValueError, IndexError):
        return fallback


def cpu_snapshot(server_pid):
    stats = procs.all_stats()
    own = stats.get(server_pid)
    # a sandbox's own short-lived helpers are reaped by its processes: their CPU counts too
    kids = {pid: (comm, _precise_cpu(pid, cpu) + _reaped_cpu(pid))
            for pid, (comm, cpu) in procs.descendants(server_pid, stats).items()}
    busy, total = procs.cpu_busy()
    threads = procs.thread_cpu(server_pid)
    return (time.monotonic(), (own[3] if own else 0.0), kids, _reaped_cpu(server_pid), busy, total,
            threads["jit"] + threads["gc"])


def cpu_use(before, after):
    t0, own0, kids0, reaped0, busy0, total0, jg0 = before
    t1, own1, kids1, reaped1, busy1, total1, jg1 = after
    by_comm = {}
    for pid, (comm, cpu) in kids1.items():
        by_comm[comm] = by_comm.get(comm, 0.0) + cpu - kids0.get(pid, (comm, 0.0))[1]
    if reaped1 > reaped0:
        by_comm["(reaped by the server)"] = reaped1 - reaped0
    sandboxes = sum(by_comm.values())
    busy = busy1 - busy0
    return CpuUse(wall=t1 - t0, server=own1 - own0, server_jit_gc=jg1 - jg0, sandboxes=sandboxes,
                  other=max(0.0, busy - (own1 - own0) - sandboxes), idle=max(0.0, (total1 - total0) - busy),
                  by_comm=by_comm)


@dataclass
class Burst:
    threads: int
    outcomes: list = field(default_factory=list)
    cpu: CpuUse = None

    @property
    def wall_s(self):
        if not self.outcomes:
            return None
        return (max(o.done_ns for o in self.outcomes) - min(o.send_ns for o in self.outcomes)) / 1e9

    @property
    def ok(self):
        return [o for o in self.outcomes if o.ok]

    @property
    def throttled(self):
        return [o for o in self.outcomes if o.status == 429]

    @property
    def failed(self):
        """Neither a 200 without a function error nor a 429."""
        return [o for o in self.outcomes if not o.ok and o.status != 429]

    def last_bad(self):
        bad = self.failed or self.throttled
        if not bad:
            return ""
        o = bad[-1]
        body = " ".join(o.body[:160].decode("utf-8", "replace").split()).replace("|", "\\|")
        return f"{o.name}: HTTP {o.status} {o.function_error}: {body}"


def create(port, names, make):
    """Creates the functions one after another: make(client, name) creates one. Returns the
    seconds it took (not part of any measurement)."""
    client = LambdaClient(port)
    t0 = time.monotonic()
    try:
        for name in names:
            make(client, name)
    finally:
        client.close()
    return time.monotonic() - t0


def invoke_all(port, names, threads, timeout_s=60.0, server_pid=None):
    """Invokes every function once with `threads` client threads (each takes the next name until
    none is left). Returns a Burst with one Outcome per name (and, given the server's pid, the
    CPU used meanwhile; sandbox processes that exited and were not reaped by the server count
    as "other")."""
    todo = queue.SimpleQueue()
    for name in names:
        todo.put(name)
    threads = max(1, min(threads, len(names)))
    clients = [LambdaClient(port, timeout=timeout_s) for _ in range(threads)]
    for c in clients:
        c.connect()
    start = threading.Barrier(threads)
    results = [[] for _ in range(threads)]

    def work(i):
        start.wait()
        while True:
            try:
                name = todo.get_nowait()
            except queue.Empty:
                return
            status, error, body, t0, t1 = clients[i].invoke_outcome(name)
            results[i].append(Outcome(name, status, error, body, t0, t1))

    workers = [threading.Thread(target=work, args=(i,), name=f"first-invoke-{i}", daemon=True)
               for i in range(threads)]
    before = cpu_snapshot(server_pid) if server_pid else None
    try:
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout_s + 30)
    finally:
        for c in clients:
            c.close()
    burst = Burst(threads=threads)
    if before:
        burst.cpu = cpu_use(before, cpu_snapshot(server_pid))
    for part in results:
        burst.outcomes.extend(part)
    return burst
