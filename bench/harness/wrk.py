"""Runs one wrk load (bench/wrk/post.lua) and returns what it measured plus the CPU time that
every party used meanwhile: wrk itself (its rusage), the server process, the server's child
processes (Hearth's sandboxes) and the rest of the machine."""
import json
import math
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field

from . import procs


@dataclass
class CpuSplit:
    """CPU seconds used during one load, by party, over wall seconds."""
    wall: float
    server: float
    children: float
    wrk: float
    other: float
    idle: float
    jit: float = 0.0
    gc: float = 0.0
    # Hearth's store writer threads: log entries, idempotency decisions, idempotency records
    logs: float = 0.0
    decisions: float = 0.0
    records: float = 0.0

    def cores(self, seconds):
        return seconds / self.wall if self.wall > 0 else 0.0


@dataclass
class WrkResult:
    label: str
    argv: list
    requests: int
    duration_s: float
    non200: int
    socket_errors: int
    last_bad: str
    hist: dict            # µs -> count, only for the timed (latency) runs
    cpu: CpuSplit
    children_seen: set = field(default_factory=set)
    output: str = ""
    expect: str = None    # "replay" / "run": what every 200 answer had to be (X-Hearth-Idempotent)
    unexpected: int = 0   # 200 answers that were not what `expect` says
    last_unexpected: str = ""

    @property
    def rps(self):
        return self.requests / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def errors(self):
        return self.non200 + self.socket_errors

    @property
    def error_rate(self):
        return self.errors / self.requests if self.requests else (1.0 if self.errors else 0.0)

    def percentile(self, p):
        """Nearest-rank percentile of the per-request latencies in µs (None without a histogram)."""
        total = sum(self.hist.values())
        if not total:
            return None
        rank = max(1, math.ceil(p / 100.0 * total))
        acc = 0
        for us in sorted(self.hist):
            acc += self.hist[us]
            if acc >= rank:
                return us
        return max(self.hist)

    def mean_us(self):
        total = sum(self.hist.values())
        return sum(us * n for us, n in self.hist.items()) / total if total else None


def _cpu_of(server_pid):
    st = procs.all_stats()
    own = st.get(server_pid)
    kids = procs.descendants(server_pid, st)
    return (own[3] if own else 0.0), kids


def run(label, url, script, threads, connections, duration_s, server_pid, timed=False, timeout_s=5, cpus=None,
        expect=None, vary=None):
    """Runs wrk (on the given CPUs only, if any) and waits for it; Ctrl-C or an error kills it
    (by pid) before re-raising. expect ("replay" / "run") makes post.lua count the 200 answers
    whose X-Hearth-Idempotent header says otherwise; vary (a tag) makes every request's body
    differ ({"run":TAG,"t":thread,"n":counter})."""
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration_s}s", f"--timeout={timeout_s}s",
            "--latency", "-s", script, url]
    script_args = (["latency"] if timed else []) + ([f"expect={expect}"] if expect else []) + \
        ([f"vary={vary}"] if vary else [])
    if script_args:
        argv += ["--"] + script_args
    server0, kids0 = _cpu_of(server_pid)
    threads0 = procs.thread_cpu(server_pid)
    busy0, total0 = procs.cpu_busy()
    t0 = time.monotonic()
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, preexec_fn=pin)
    seen = set(kids0)
    kids_cpu = {pid: cpu for pid, (_, cpu) in kids0.items()}
    kids_last = dict(kids_cpu)
    try:
        # Poll (not block) so that the server's children can be sampled while the load runs.
        deadline = t0 + duration_s + timeout_s + 30
        rusage = None
        while rusage is None:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                rusage = ru
                proc.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"wrk did not finish within {deadline - t0:.0f} s")
            _, kids = _cpu_of(server_pid)
            for kid, (_, cpu) in kids.items():
                seen.add(kid)
                kids_last[kid] = cpu
            time.sleep(0.25)
        wall = time.monotonic() - t0
        server1, kids1 = _cpu_of(server_pid)
        threads1 = procs.thread_cpu(server_pid)
        busy1, total1 = procs.cpu_busy()
    except BaseException:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        raise
    out = proc.stdout.read().decode("utf-8", "replace")
    proc.stdout.close()
    for kid, (_, cpu) in kids1.items():
        seen.add(kid)
        kids_last[kid] = cpu
    # A child that exited during the load counts with its last sampled CPU time.
    children = sum(kids_last[k] - kids_cpu.get(k, 0.0) for k in kids_last)
    wrk_cpu = rusage.ru_utime + rusage.ru_stime
    busy = busy1 - busy0
    cpu = CpuSplit(wall=wall, server=server1 - server0, children=children, wrk=wrk_cpu,
                   other=max(0.0, busy - (server1 - server0) - children - wrk_cpu),
                   idle=max(0.0, (total1 - total0) - busy),
                   **{k: threads1[k] - threads0[k] for k in ("jit", "gc", "logs", "decisions", "records")})
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {proc.returncode}:\n{out}")
    summary, hist = None, {}
    for line in out.splitlines():
        if line.startswith("WRK_JSON "):
            summary = json.loads(line[len("WRK_JSON "):])
        elif line.startswith("WRK_HIST "):
            hist = {int(k): v for k, v in json.loads(line[len("WRK_HIST "):]).items()}
    if summary is None:
        raise RuntimeError(f"wrk printed no WRK_JSON line:\n{out}")
    socket_errors = sum(summary[k] for k in ("connect", "read", "write", "timeout"))
    last_bad = ""
    if summary["non200"]:
        body = " ".join(summary["last_bad_body"][:160].split()).replace("|", "\\|")
        last_bad = f"HTTP {summary['last_bad_status']}: {body}"
    unexpected = summary.get("unexpected", 0) if expect else 0
    last_unexpected = " ".join(summary.get("last_unexpected_body", "")[:160].split()).replace("|", "\\|")
    return WrkResult(label=label, argv=argv, requests=summary["requests"],
                     duration_s=summary["duration_us"] / 1e6, non200=summary["non200"],
                     socket_errors=socket_errors, last_bad=last_bad, hist=hist, cpu=cpu,
                     children_seen=seen, output=out, expect=expect, unexpected=unexpected,
                     last_unexpected=last_unexpected)


def combine(label, results):
    """One result out of several loads of the same kind (e.g. interleaved rounds): requests,
    durations, errors, histograms and CPU times are summed."""
    hist = {}
    for res in results:
        for us, n in res.hist.items():
            hist[us] = hist.get(us, 0) + n
    cpu = CpuSplit(*(sum(getattr(res.cpu, f) for res in results)
                     for f in ("wall", "server", "children", "wrk", "other", "idle", "jit", "gc", "logs",
                               "decisions", "records")))
    last = next((res for res in reversed(results) if res.last_bad), None)
    odd = next((res for res in reversed(results) if res.unexpected), None)
    return WrkResult(label=label, argv=results[0].argv, requests=sum(res.requests for res in results),
                     duration_s=sum(res.duration_s for res in results), non200=sum(res.non200 for res in results),
                     socket_errors=sum(res.socket_errors for res in results), last_bad=last.last_bad if last else "",
                     hist=hist, cpu=cpu, children_seen=set().union(*(res.children_seen for res in results)),
                     output="", expect=results[0].expect, unexpected=sum(res.unexpected for res in results),
                     last_unexpected=odd.last_unexpected if odd else "")
