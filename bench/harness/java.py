"""The Java phase of bench/run: Java functions (java21, 512 MB, compiled at bench time, see
harness/java_code.py) side by side with python ones (python3.12, 512 MB), on nodes of their own
(harness/pools.py's start/stop, the run's --isolation), one node at a time:

1. node `java-cold` (--warm-pool-max 0), after a JVM warm-up of the server:
   a. warm invokes: a java and a python function, each warmed up, then timed 1-connection wrk
      rounds alternate java python python java on the same node;
   b. cold starts from a fresh process: primers + N new java functions, then as many python
      ones, the first invoke of each timed from the client with the REPORT line's Init Duration
      (harness/pool_coldstart.py's loop); before the measured ones the run waits until the
      server's class-data archive for the Java runtime exists (made at the first Java launch);
2. node `java-pool` (--warm-pool-min 2 --warm-pool-max 4 --warm-pool-java-memory 512): once
   the archive exists and every lane is full, the same cold starts, each invoke waiting until
   the function's lane has a ready sandbox and nothing is starting in any lane; the growth of
   hearth_warming_pool_bindings_total{runtime="java",memory="512"} says whether each bound a
   pool JVM.
The CPU used meanwhile (server, sandboxes, other processes) is sampled around each measured run."""
import glob
import os
import time
from dataclasses import dataclass, field

from . import first_invokes, java_code, pool_coldstart, pools, procs, servers, wrk
from .coldstart import percentile
from .lambda_api import LambdaClient, python_zip
from .servers import BenchError

MEMORY_MB = 512
PYTHON_RUNTIME = "python3.12"
POOL_MIN, POOL_MAX = 2, 4
CONCURRENCY, MAX_SANDBOXES = 64, 256
PRIMERS = 2
ARCHIVE_WAIT_S = 60.0
POOL_READY_S = 120.0
ROLES = ("java-cold", "java-pool")
FAMILIES = ("java", "python")


def settings(args):
    """The Java phase's settings, for the report's header."""
    return (f"java: {args.pool_cold} java21 and {args.pool_cold} python3.12 functions (+{PRIMERS} primers each), "
            f"{MEMORY_MB} MB, on node `java-cold` (--isolation {args.isolation} --warm-pool-max 0) and on node "
            f"`java-pool` (--warm-pool-min {POOL_MIN} --warm-pool-max {POOL_MAX} --warm-pool-java-memory "
            f"{MEMORY_MB}), {args.pool_warmup} s server warm-up each; warm: {args.warmup} s at -c1 per function, "
            f"then 4 alternating -c1 rounds of {max(1, int(round(args.duration / 2)))} s")


@dataclass
class JavaResults:
    compiler: str = ""                               # the JDK javac came from
    jdk: str = ""                                    # the server's JDK
    sandbox_jdk: str = ""                            # the JDK of a Java sandbox process
    isolation: str = ""
    count: int = 0
    cold: dict = field(default_factory=dict)         # (family, pooled) -> pool_coldstart.ColdRun
    cpu: dict = field(default_factory=dict)          # (family, pooled) -> first_invokes.CpuUse
    warm: dict = field(default_factory=dict)         # family -> combined WrkResult
    warm_rounds: list = field(default_factory=list)


class Packages:
    """Every function's package, compiled in one javac call (see harness/java_code.py)."""

    def __init__(self, names, jdk_home):
        self.java = java_code.compile_all(names, jdk_home)

    def make(self, family):
        """make(client, name) for pool_coldstart.run: creates a function of the family, 512 MB."""
        if family == "java":
            def create(client, name):
                handler, package = self.java[name]
                client.create_package(name, java_code.RUNTIME, handler, package, memory_mb=MEMORY_MB)
        else:
            def create(client, name):
                source = pool_coldstart.SOURCES["python"].format(name=name)
                client.create_package(name, PYTHON_RUNTIME, "app.handler", python_zip(source), memory_mb=MEMORY_MB)
        return create


# ---------------------------------------------------------------------------------------------
# the node's state


def archive(node):
    """Path of the node's class-data archive for the Java runtime, None while there is none."""
    found = glob.glob(os.path.join(node.data, "runtimes", "java", "hearth-runtime-*.jsa"))
    return found[0] if found else None


def wait_archive(ctx, node):
    t0 = time.monotonic()
    while archive(node) is None and time.monotonic() - t0 < ARCHIVE_WAIT_S:
        time.sleep(0.1)
    if archive(node) is None:
        ctx.notes.append(f"java, `{node.role}`: no class-data archive after {ARCHIVE_WAIT_S:.0f} s: the JVMs "
                         f"measured ran without it")
    return time.monotonic() - t0


def jvms(node):
    """pid → command line of the java processes under the node (its Java sandboxes)."""
    return {pid: procs.cmdline(pid) for pid, (comm, _) in procs.descendants(node.pid).items() if comm == "java"}


def sandbox_jdk(node):
    for pid in jvms(node):
        try:
            return os.path.dirname(os.path.dirname(os.readlink(f"/proc/{pid}/exe")))
        except OSError:
            continue
    return ""


def wait_lanes_full(node, timeout_s):
    """Waits until the java lane and every other lane has its target ready and nothing is starting;
    returns (seconds, reached?)."""
    t0 = time.monotonic()
    client = LambdaClient(node.port)
    try:
        while True:
            m = client.metrics()
            lanes = [k[len("hearth_warming_pool_ready"):] for k in m if k.startswith("hearth_warming_pool_ready{")]
            target = lambda lane: max(1, m.get(f"hearth_warming_pool_target{lane}", 1))
            full = (pool_coldstart.metric(m, "hearth_warming_pool_ready", "java", MEMORY_MB) >= POOL_MIN
                    and all(m[f"hearth_warming_pool_ready{lane}"] >= target(lane) for lane in lanes)
                    and pool_coldstart.starting_anywhere(m) == 0)
            if full or time.monotonic() - t0 > timeout_s:
                return time.monotonic() - t0, full
            time.sleep(0.1)
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------
# phases


def warm_compare(ctx, res, node, packages):
    """Warm invokes at 1 connection, a java vs a python function on the same node, ABBA rounds."""
    args = ctx.args
    names = {"java": f"bench-warm-java-{ctx.run_id}", "python": f"bench-warm-python-{ctx.run_id}"}
    client = LambdaClient(node.port)
    try:
        for family, name in names.items():
            packages.make(family)(client, name)
            client.invoke_timed(name)
    finally:
        client.close()
    for family in FAMILIES:
        ctx.load(f"java phase warm-up c1 {family}", node.url(names[family]), 1, args.warmup, node.pid)
    seconds = max(1, int(round(args.duration / 2)))
    rounds, per_round = {f: [] for f in FAMILIES}, []
    for i, family in enumerate(("java", "python", "python", "java")):
        time.sleep(0.5)
        one = ctx.load(f"warm c1 {family} round {i + 1}", node.url(names[family]), 1, seconds, node.pid, timed=True)
        ctx.check(one)
        rounds[family].append(one)
        res.warm_rounds.append(one)
        per_round.append(f"{family} {one.percentile(50):,} µs")
    for family in FAMILIES:
        res.warm[family] = wrk.combine(f"warm c1, {family} function", rounds[family])
        ctx.r[f"java_warm_{family}"] = res.warm[family]
    ctx.notes.append(f"java, warm invokes: per-round p50 {', '.join(per_round)}; other processes used up to "
                     f"{max(x.cpu.cores(x.cpu.other) for x in res.warm_rounds):.2f} cores during a round")


def cold(ctx, res, node, packages, family, pooled):
    """primers + N first invokes of new functions of the family (see the module doc)."""
    count = ctx.args.pool_cold
    where = "from the pool" if pooled else "from a fresh process"
    ctx.say(f"java phase, cold start {where}, {family}: {count} new functions (+{PRIMERS} unmeasured primers)")
    snap = {}

    def before_measured():
        if family == "java":
            waited = wait_archive(ctx, node)
            flagged = [p for p, cmd in jvms(node).items() if "SharedArchiveFile" in cmd]
            ctx.notes.append(f"java, cold start {where}: the class-data archive was there after the primers "
                             f"(waited {waited:.1f} s); {len(flagged)} of {len(jvms(node))} JVM(s) then under the "
                             f"node (bound and generic) carried -XX:SharedArchiveFile")
        snap["cpu"] = first_invokes.cpu_snapshot(node.pid)

    run = pool_coldstart.run(node.port, family, count, primers=PRIMERS, run_id=f"{ctx.run_id}j", pooled=pooled,
                             memory=MEMORY_MB if family == "java" else None, make=packages.make(family),
                             before_measured=before_measured)
    res.cold[(family, pooled)] = run
    cpu = res.cpu[(family, pooled)] = first_invokes.cpu_use(snap["cpu"], first_invokes.cpu_snapshot(node.pid))
    measured = max(1, run.invokes - PRIMERS)
    top = sorted(((v, comm) for comm, v in cpu.by_comm.items() if v > 0), reverse=True)[:5]
    ctx.notes.append(f"java, cold start {where} ({family}): sandbox CPU per measured first invoke by process "
                     f"name: " + (", ".join(f"{comm} {v / measured * 1e3:,.1f} ms" for v, comm in top) or "none")
                     + f"; server {cpu.server / measured * 1e3:,.1f} ms"
                     + ("; the refill of the pool after each invoke included" if pooled else ""))
    p50 = percentile(run.client_ms, 50)
    ctx.say(f"  client p50 {p50:.1f} ms; bindings {run.bindings} of {run.invokes} invokes, misses {run.misses}")
    what = f"java phase, cold start {where} ({family})"
    if pooled and (run.bindings != run.invokes or run.misses):
        ctx.notes.append(f"{what}: bindings_total grew by {run.bindings} over {run.invokes} first invokes (primers "
                         f"included) and misses_total by {run.misses}: not every first invoke bound a pool sandbox")
    if pooled and run.wait_timeouts:
        ctx.notes.append(f"{what}: {run.wait_timeouts} time(s) the lane was not refilled within "
                         f"{pool_coldstart.POOL_WAIT_S:.0f} s before an invoke")
    if not pooled and run.bindings:
        ctx.problems.append(f"{what}: the node runs with --warm-pool-max 0 but bindings_total grew by {run.bindings}")
    if run.missing_init:
        ctx.problems.append(f"{what}: {len(run.missing_init)} first invoke(s) had no Init Duration in their REPORT "
                            f"line (not a cold start?): {', '.join(run.missing_init[:5])}")


# ---------------------------------------------------------------------------------------------
# the whole sequence


def run(ctx, res):
    """Compiles the functions, then runs the phases in the order of the module doc, filling res."""
    args = ctx.args
    home, major = java_code.find_jdk()
    res.compiler = f"{home} (JDK {major}, javac --release {java_code.MIN_MAJOR})"
    res.count = args.pool_cold
    rid = f"{ctx.run_id}j"
    names = [n for pooled in (False, True)
             for n in pool_coldstart.function_names("java", pooled, rid, args.pool_cold, PRIMERS)]
    names.append(f"bench-warm-java-{ctx.run_id}")
    ctx.say(f"java phase: compiling {len(names)} Java functions with one javac call ({home})")
    t0 = time.monotonic()
    packages = Packages(names, home)
    ctx.notes.append(f"java: {len(names)} functions compiled by one javac call in {time.monotonic() - t0:.1f} s "
                     f"(not measured); each package is a zip of its one class, bench.fNNN.Hello")
    keep = args.keep
    # 1. fresh processes: warm invokes, then cold starts
    node = pools.start(ctx, "java-cold", args.isolation, CONCURRENCY, MAX_SANDBOXES, pool_max=0)
    res.isolation, res.jdk = node.isolation, servers.java_version(node.pid)
    pools.warm_up(ctx, node, args.pool_warmup)
    ctx.say("java phase, warm invokes: java vs python function, interleaved 1-connection rounds")
    warm_compare(ctx, res, node, packages)
    res.sandbox_jdk = sandbox_jdk(node)
    for family in FAMILIES:
        time.sleep(1)
        cold(ctx, res, node, packages, family, pooled=False)
    ctx.notes.append(pools.stop_registered(ctx.live, node, keep))
    # 2. the warming pool
    time.sleep(1)
    pool = pools.start(ctx, "java-pool", args.isolation, CONCURRENCY, MAX_SANDBOXES, pool_min=POOL_MIN,
                       pool_max=POOL_MAX, extra=("--warm-pool-java-memory", MEMORY_MB))
    wait_archive(ctx, pool)
    waited, full = wait_lanes_full(pool, POOL_READY_S)
    if not full:
        raise BenchError(f"java phase: the warming pool of node `java-pool` was not full within {waited:.0f} s "
                         f"(see {pool.log})")
    pools.warm_up(ctx, pool, args.pool_warmup)
    for family in FAMILIES:
        time.sleep(1)
        cold(ctx, res, pool, packages, family, pooled=True)
    ctx.notes.append(pools.stop_registered(ctx.live, pool, keep))
