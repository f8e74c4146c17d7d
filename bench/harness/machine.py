"""What the numbers were measured on: CPU, memory, kernel, date, git commit, tool versions, and
how busy the machine was with other work before the run."""
import datetime
import os
import platform
import subprocess
import sys
import time

from . import procs


def _cmd(argv, cwd=None):
    try:
        done = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        return done.stdout.decode("utf-8", "replace").strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def git_commit(repo):
    commit = _cmd(["git", "-C", repo, "rev-parse", "--short=12", "HEAD"])
    subject = _cmd(["git", "-C", repo, "log", "-1", "--format=%s"])
    dirty = _cmd(["git", "-C", repo, "status", "--porcelain", "--untracked-files=no"])
    changed = len([line for line in dirty.splitlines() if line.strip()])
    note = f", working tree has {changed} modified tracked file(s)" if changed else ""
    return f"{commit} ({subject}){note}"


def idle_share(seconds=1.0):
    """Share of the machine's CPU that was idle over a short window (1.0 = fully idle)."""
    busy0, total0 = procs.cpu_busy()
    time.sleep(seconds)
    busy1, total1 = procs.cpu_busy()
    total = total1 - total0
    return 1.0 - (busy1 - busy0) / total if total > 0 else 0.0


def describe(repo):
    """Lines for the header of the report (the JDK is added once the server runs)."""
    wrk = _cmd(["wrk", "-v"]).splitlines()
    wrk_version = wrk[0].split(" Copyright")[0] if wrk else "unknown"
    load1, load5, _ = os.getloadavg()
    idle = idle_share()
    return {
        "machine": f"{os.cpu_count()} CPU (nproc {_cmd(['nproc'])}), {cpu_model()}, "
                   f"{memory_gib():.1f} GiB RAM, Linux {platform.release()}",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "git commit": git_commit(repo),
        "python": f"{platform.python_version()} ({sys.executable})",
        "wrk": wrk_version,
        "machine load before the run": f"load average {load1:.2f} (1 min), {load5:.2f} (5 min); "
                                       f"{(1 - idle) * 100:.0f}% of the CPU busy over 1 s",
        "_busy_share": 1 - idle,
    }
