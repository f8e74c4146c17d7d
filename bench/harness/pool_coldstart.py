"""Cold starts with and without the warming pool, for python and node: new functions (each with
its own code) are created, then the first invoke of each is timed, one after another, from the
client (as harness/coldstart.py does), with the REPORT line's Init Duration and Duration.

With the pool, before each invoke the run waits until the family's pool has a ready sandbox
and no sandbox of any lane (family, memory size) is starting (the refill after the previous
invoke has finished, so that it neither misses the pool nor shares the CPU with a refill); the
server's counters then say whether every first invoke bound a pool sandbox (bindings_total grew
by one per invoke).

Java (harness/java.py) uses the same loop with its own packages (`make`) and its pool lane,
which has a memory size (`memory`: the metrics' labels are runtime="java",memory="512")."""
import time
from dataclasses import dataclass, field

from .lambda_api import LambdaClient
from .servers import BenchError

SOURCES = {
    "python": '''# hearth bench cold-start function {name}
def handler(event, context):
    return {{"fn": "{name}"}}
''',
    "node": '''// hearth bench cold-start function {name}
exports.handler = async (event, context) => ({{fn: "{name}"}});
''',
}
POOL_WAIT_S = 15.0


def metric(m, name, family=None, memory=None):
    """A metric's value (0 when absent): of family's pool lane when family is given (of its
    lane of that memory size when memory is given, as the Java lanes are)."""
    if not family:
        return int(m.get(name, 0))
    labels = f'runtime="{family}"' + (f',memory="{memory}"' if memory else "")
    return int(m.get(f"{name}{{{labels}}}", 0))


def starting_anywhere(m):
    """Sandboxes starting in all the pool's lanes together (every family and memory size)."""
    return int(sum(v for k, v in m.items() if k.startswith("hearth_warming_pool_starting{")))


def pool_quiet(m, family, memory=None):
    """True when family's pool lane has a ready sandbox and no sandbox of any lane is starting."""
    return metric(m, "hearth_warming_pool_ready", family, memory) >= 1 and starting_anywhere(m) == 0


def wait_pool(client, family, timeout_s=POOL_WAIT_S, settle_s=0.05, memory=None):
    """Polls the metrics until pool_quiet; returns (seconds waited, reached?)."""
    t0 = time.monotonic()
    while True:
        if pool_quiet(client.metrics(), family, memory):
            time.sleep(settle_s)
            return time.monotonic() - t0, True
        if time.monotonic() - t0 > timeout_s:
            return time.monotonic() - t0, False
        time.sleep(0.02)


@dataclass
class ColdRun:
    family: str
    pooled: bool
    client_ms: list = field(default_factory=list)
    init_ms: list = field(default_factory=list)
    duration_ms: list = field(default_factory=list)
    rest_ms: list = field(default_factory=list)     # client − Init Duration − Duration, per invoke
    create_ms: list = field(default_factory=list)
    missing_init: list = field(default_factory=list)
    waits_s: list = field(default_factory=list)     # waits for the pool before each invoke
    wait_timeouts: int = 0
    invokes: int = 0                                # primers included
    bindings: int = 0                               # deltas of the server's counters over all invokes
    misses: int = 0
    cold_starts: int = 0
    primers: int = 0


def create(client, family, name):
    source = SOURCES[family].format(name=name)
    if family == "python":
        client.create_python_function(name, source)
    else:
        client.create_node_function(name, source)


def function_names(family, pooled, run_id, count, primers):
    """The names run gives its functions, primers first."""
    return [f"bench-{'pool' if pooled else 'nopool'}-{family}-{run_id}-{i:03d}" for i in range(primers + count)]


def run(port, family, count, primers, run_id, pooled, memory=None, make=None, before_measured=None):
    """Creates primers + count functions of the family (make(client, name), by default from
    SOURCES), then invokes each once (see the module doc). The primers (not counted) run the
    server's create and first-invoke paths first; before_measured(), when given, runs after them.
    memory names the family's pool lane (see metric)."""
    client = LambdaClient(port)
    out = ColdRun(family=family, pooled=pooled, primers=primers)
    make = make or (lambda c, name: create(c, family, name))
    try:
        names = function_names(family, pooled, run_id, count, primers)
        for i, name in enumerate(names):
            t0 = time.perf_counter_ns()
            make(client, name)
            if i >= primers:
                out.create_ms.append((time.perf_counter_ns() - t0) / 1e6)
        m0 = client.metrics()
        for i, name in enumerate(names):
            if i == primers and before_measured:
                before_measured()
            if pooled:
                waited, reached = wait_pool(client, family, memory=memory)
                if i >= primers:
                    out.waits_s.append(waited)
                    out.wait_timeouts += 0 if reached else 1
            else:
                time.sleep(0.05)  # as harness/coldstart.py: let the previous sandbox settle
            elapsed, fields = client.invoke_report(name)
            out.invokes += 1
            if i < primers:
                continue
            total = elapsed / 1e6
            out.client_ms.append(total)
            init, duration = fields.get("Init Duration"), fields.get("Duration")
            if init is None:
                out.missing_init.append(name)
            else:
                out.init_ms.append(init)
            if duration is not None:
                out.duration_ms.append(duration)
                out.rest_ms.append(total - (init or 0.0) - duration)
        m1 = client.metrics()
    finally:
        client.close()
    out.bindings = metric(m1, "hearth_warming_pool_bindings_total", family, memory) - \
        metric(m0, "hearth_warming_pool_bindings_total", family, memory)
    out.misses = metric(m1, "hearth_warming_pool_misses_total", family, memory) - \
        metric(m0, "hearth_warming_pool_misses_total", family, memory)
    out.cold_starts = metric(m1, "hearth_cold_starts_total") - metric(m0, "hearth_cold_starts_total")
    if not out.client_ms:
        raise BenchError(f"cold start ({family}, {'pool' if pooled else 'no pool'}): nothing measured")
    return out
