"""Memory of idle python sandboxes, read from /proc and the cgroup file system: for each python
runtime process under a Hearth server, its resident set (VmRSS), its proportional share (Pss,
shared pages divided among their users), the RSS of its whole sandbox (the isolation's helper
processes: bwrap, the shell, a relay, if any) and, when it runs in its own memory cgroup, that
cgroup's memory.usage_in_bytes (v1) or memory.current (v2).

A process is "bound" when its working directory holds the function's app.py (a bound runtime
changes into its function's task root; a generic warming-pool sandbox has no code yet)."""
import os
import statistics
from dataclasses import dataclass, field

from . import procs


@dataclass
class SandboxMemory:
    pid: int
    bound: bool
    rss: int            # bytes, VmRSS of the python runtime process
    pss: int            # bytes, Pss of that process (smaps_rollup), 0 if unreadable
    tree_rss: int       # bytes, VmRSS summed over the sandbox's processes (see sandbox_tree)
    cgroup: int = None  # bytes, the sandbox cgroup's usage; None without a cgroup of its own
    cgroup_path: str = ""


@dataclass
class MemoryReading:
    generic: list = field(default_factory=list)   # SandboxMemory of generic (pool) sandboxes
    bound: list = field(default_factory=list)     # SandboxMemory of bound idle sandboxes

    @staticmethod
    def median(items, attr):
        values = [getattr(x, attr) for x in items if getattr(x, attr) is not None]
        return statistics.median(values) if values else None


def _status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _cgroup_mounts():
    """Controller ("memory" for v1, "" for v2) → mount point, from /proc/self/mountinfo."""
    mounts = {}
    try:
        with open("/proc/self/mountinfo") as f:
            for line in f:
                left, _, right = line.partition(" - ")
                fstype, _, options = (right.split() + ["", "", ""])[:3]
                point = left.split()[4]
                if fstype == "cgroup" and "memory" in options.split(","):
                    mounts.setdefault("memory", point)
                elif fstype == "cgroup2":
                    mounts.setdefault("", point)
    except OSError:
        pass
    return mounts


def _cgroup_usage(pid, mounts):
    """(bytes, directory) of the memory cgroup pid is in, or (None, "") when unreadable."""
    try:
        with open(f"/proc/{pid}/cgroup") as f:
            lines = f.read().splitlines()
    except OSError:
        return None, ""
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(",") and "memory" in mounts:
            directory, name = os.path.join(mounts["memory"], path.lstrip("/")), "memory.usage_in_bytes"
        elif controllers == "" and "" in mounts and "memory" not in mounts:
            directory, name = os.path.join(mounts[""], path.lstrip("/")), "memory.current"
        else:
            continue
        try:
            with open(os.path.join(directory, name)) as f:
                return int(f.read().strip()), directory
        except (OSError, ValueError):
            return None, directory
    return None, ""


def sandbox_tree(server_pid, pid, stats):
    """pids of the sandbox that python process pid belongs to: the chain of its ancestors below
    the server (isolation helpers such as bwrap), pid itself and its descendants."""
    chain, cur = [], pid
    while cur in stats and stats[cur][0] != server_pid and stats[cur][0] > 1:
        cur = stats[cur][0]
        chain.append(cur)
    if cur not in stats or stats[cur][0] != server_pid:
        chain = []
    return [pid] + chain + list(procs.descendants(pid, stats))


def python_runtimes(server_pid, stats=None):
    """pids of the python processes among the server's descendants whose parent is not python
    (the runtime itself, not a process it forked)."""
    stats = stats if stats is not None else procs.all_stats()
    kids = procs.descendants(server_pid, stats)
    return [pid for pid, (comm, _) in kids.items()
            if comm.startswith("python") and not stats.get(stats[pid][0], (0, 0, ""))[2].startswith("python")]


def read(server_pid, code_file="app.py"):
    """Memory of every python runtime process of the server, split into generic and bound."""
    stats = procs.all_stats()
    mounts = _cgroup_mounts()
    _, own_dir = _cgroup_usage(server_pid, mounts)
    out = MemoryReading()
    for pid in python_runtimes(server_pid, stats):
        bound = os.path.exists(f"/proc/{pid}/cwd/{code_file}")
        usage, directory = _cgroup_usage(pid, mounts)
        if directory == own_dir:   # the server's own cgroup: the sandbox has none of its own
            usage, directory = None, ""
        tree = sum(_status_kib(p, "VmRSS") for p in sandbox_tree(server_pid, pid, stats)) * 1024
        item = SandboxMemory(pid=pid, bound=bound, rss=_status_kib(pid, "VmRSS") * 1024, pss=_pss_kib(pid) * 1024,
                             tree_rss=tree, cgroup=usage, cgroup_path=directory)
        (out.bound if bound else out.generic).append(item)
    return out
