"""The machine's own process-start speed, measured in the same run (the same minute) as Hearth's
sandbox creation rate and its 100 first invokes at once, so that those absolute figures can be
read against what this machine could do at all: the interpreter Hearth's python sandboxes run
(this harness's own, the python3 on PATH that Hearth resolves too) started bare, with `-S -c pass`
(no isolation, no Hearth, no bootstrap, no handler), the same number of times from the same number
of client threads. A sandbox start costs more than this floor (bubblewrap, the uid drop, the
bootstrap, the Runtime API, the first invoke); the ratio says how much more."""
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

COMMAND = [sys.executable, "-S", "-c", "pass"]


@dataclass
class Floor:
    count: int
    threads: int
    wall_s: float
    failed: int

    @property
    def per_s(self):
        return self.count / self.wall_s if self.wall_s > 0 else None

    def describe(self):
        return (f"bare `{' '.join(['python3'] + COMMAND[1:])}` ({COMMAND[0]}), {self.count} from {self.threads} "
                f"threads, same minute")


def _start(_):
    return subprocess.run(COMMAND, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode


def measure(count, threads):
    """Starts the bare interpreter `count` times from `threads` threads; wall time to the last exit."""
    with ThreadPoolExecutor(threads) as pool:
        t0 = time.monotonic()
        codes = list(pool.map(_start, range(count)))
        wall = time.monotonic() - t0
    return Floor(count, threads, wall, sum(1 for c in codes if c != 0))
