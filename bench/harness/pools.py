"""The warming-pool and isolation phases of bench/run. Each runs on Hearth nodes of its own,
started for it (data directory, log bench/results/hearth-ROLE.log), one phase at a time:

1. warm invokes, isolation on vs off: node `iso` (the run's --isolation) and node `none`
   (--isolation none), both without a pool; each gets the same no-op function and warm-up, then
   timed 1-connection wrk rounds alternate between them (A B B A); `none` is then stopped;
2. cold starts without the pool (on `iso`): new python and node functions, the first invoke of
   each timed, one after another (harness/pool_coldstart.py);
3. sandbox creation rate (on `iso`, no pool): many new functions, first invokes from 8 client
   threads at once; each first invoke starts one sandbox; `iso` is then stopped;
4. cold starts from the pool: node `pool` (--warm-pool-min 4 --warm-pool-max 16), the same as 2,
   each invoke waiting until the pool is refilled, so that each binds a pool sandbox;
5. idle sandbox memory (on `pool`): the python runtime processes of the generic (pool) and of
   the bound idle sandboxes (harness/sandbox_memory.py);
6. pool refill rate (on `pool`): first invokes of as many new functions as the pool's maximum
   (8 threads) drain it; its counters are then sampled until it is full again; `pool` stops;
7. 100 new functions invoked at once: node `burst` (pool defaults, --concurrency 128
   --max-sandboxes 160), 100 client threads, one first invoke each.

Every node gets a short JVM warm-up first (a no-op function under wrk), as a node in service
would have; the functions measured are new."""
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field

from . import first_invokes, pool_coldstart, procs, sandbox_memory, servers, start_floor, wrk
from .lambda_api import LambdaClient
from .servers import BenchError

NOOP = "def handler(event, context):\n    return {}\n"
WARM_FUNCTION = "bench-noop"
POOL_MIN, POOL_MAX = 4, 16
CREATION_THREADS = 8
BURST = 100
BURST_CONCURRENCY, BURST_MAX_SANDBOXES = 128, 160
CONCURRENCY, MAX_SANDBOXES = 64, 256
WARMUP_CONNS = 8
REFILL_CAP_S = 30.0
ROLES = ("iso", "none", "pool", "burst")


def settings(args):
    """The pool phases' settings, for the report's header."""
    return (f"nodes `iso` (--isolation {args.isolation} --warm-pool-max 0) and `none` (--isolation none "
            f"--warm-pool-max 0), --concurrency {CONCURRENCY} --max-sandboxes {MAX_SANDBOXES}: {args.warmup} s "
            f"warm-up at -c{WARMUP_CONNS} + {args.warmup_c1} s at -c1 each, then 4 alternating -c1 rounds of "
            f"{max(1, int(round(args.duration / 2)))} s; cold starts: {args.pool_cold} python and "
            f"{args.pool_cold} node functions on `iso` and on `pool` (--isolation {args.isolation} "
            f"--warm-pool-min {POOL_MIN} --warm-pool-max {POOL_MAX}, {args.pool_warmup} s warm-up); creation rate: "
            f"{args.create_count} functions, {CREATION_THREADS} threads; refill: {POOL_MAX} functions drain the pool; "
            f"{BURST} at once: node `burst` (--isolation {args.isolation}, default pool, --concurrency "
            f"{BURST_CONCURRENCY} --max-sandboxes {BURST_MAX_SANDBOXES}, {args.pool_warmup} s warm-up)")


@dataclass
class Ctx:
    """What the phases need from bench/run."""
    repo: str
    results_dir: str
    args: object           # bench/run's arguments (isolation, duration, warmup, pool_cold, ...)
    live: dict             # bench/run's registry of running servers, for its cleanup
    load: callable         # load(label, url, conns, seconds, server_pid, timed=False) -> WrkResult
    check: callable        # check(WrkResult): a problem when a load had too many errors
    r: dict                # bench/run's results (the timed wrk loads are added, for its idle check)
    notes: list
    problems: list
    say: callable
    run_id: str


@dataclass
class Node:
    role: str
    proc: object
    data: str
    log: str
    port: int = 0
    isolation: str = ""    # what the server said ("namespaces (bubblewrap …)", "none …")

    @property
    def pid(self):
        return self.proc.pid

    def url(self, function=WARM_FUNCTION):
        return f"http://127.0.0.1:{self.port}/2015-03-31/functions/{function}/invocations"


@dataclass
class PoolResults:
    isolation: str = ""           # the isolated nodes' isolation line
    jdk: str = ""                 # the nodes' JDK
    families: list = field(default_factory=list)
    cold: dict = field(default_factory=dict)        # (family, pooled) -> pool_coldstart.ColdRun
    creation: dict = field(default_factory=dict)    # burst, count, cold_starts
    drain: dict = field(default_factory=dict)       # burst, bindings, misses (pool on, 8 threads)
    refill: dict = field(default_factory=dict)      # ready0, ready1, target, launched, seconds, full
    memory: object = None                           # sandbox_memory.MemoryReading
    memory_ready: int = None                        # hearth_warming_pool_ready{python} at that time
    warm: dict = field(default_factory=dict)        # "none"/"iso" -> combined WrkResult
    warm_rounds: list = field(default_factory=list)
    burst: dict = field(default_factory=dict)       # burst, cold_starts, bindings, misses
    warm_up_s: dict = field(default_factory=dict)   # role -> seconds of JVM warm-up


# ---------------------------------------------------------------------------------------------
# nodes


def _start_time(pid):
    """Field 22 of /proc/PID/stat (start time in clock ticks), None when gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode("utf-8", "replace")
        return int(raw[raw.rfind(")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def start(ctx, role, isolation, concurrency, max_sandboxes, pool_min=None, pool_max=None, extra=()):
    """Starts a node (see launch) and waits until it is ready (see ready)."""
    return ready(launch(ctx, role, isolation, concurrency, max_sandboxes, pool_min, pool_max, extra))


def launch(ctx, role, isolation, concurrency, max_sandboxes, pool_min=None, pool_max=None, extra=()):
    """Starts a node's process (data directory of its own, log bench/results/hearth-ROLE.log, extra
    flags appended) and registers it for bench/run's cleanup; it is not ready yet (see ready)."""
    data = tempfile.mkdtemp(prefix=f"hearth-bench-{role}-")
    ctx.live.setdefault("pool_data", []).append(data)
    log = os.path.join(ctx.results_dir, f"hearth-{role}.log")
    open(log, "w").close()
    argv = servers.hearth_argv(ctx.repo, data, concurrency, max_sandboxes, isolation, pool_min, pool_max,
                               extra=extra)
    ctx.say(f"{role}: starting {' '.join(['./hearth'] + argv[1:])}")
    proc = servers.start_hearth(ctx.repo, data, log, concurrency, max_sandboxes, no_build=ctx.args.no_build,
                                isolation=isolation, pool_min=pool_min, pool_max=pool_max, extra=extra)
    node = Node(role=role, proc=proc, data=data, log=log)
    ctx.live.setdefault("pool_servers", []).append(node)
    ctx.live.setdefault("pool_pgids", []).append(proc.pid)
    return node


def ready(node):
    """Waits until a launched node listens and answers; fills its port and isolation line."""
    node.port = servers.ready_hearth(node.proc, node.log)
    node.isolation = servers.isolation_line(node.log) or "(the server printed no isolation line)"
    return node


def stop(node, keep):
    """Stops a node and checks that its sandboxes (which may sit in sessions of their own) are
    gone, killing any left by pid; removes its data unless keep. Returns a note."""
    alive = node.proc.poll() is None
    kids = {pid: _start_time(pid) for pid in procs.descendants(node.pid)} if alive else {}
    pythons = len(sandbox_memory.python_runtimes(node.pid)) if alive else 0
    note = procs.stop(node.proc, f"hearth server `{node.role}`") + f" (it had {pythons} python sandbox(es))"
    deadline = time.monotonic() + 5
    left = kids
    while left and time.monotonic() < deadline:
        left = {pid: t for pid, t in left.items() if t is not None and _start_time(pid) == t}
        if left:
            time.sleep(0.05)
    if left:
        procs.kill_all(left)
        note += f"; killed {len(left)} sandbox process(es) left after it: {sorted(left)}"
    if keep:
        note += f"; data kept: {node.data}"
    else:
        shutil.rmtree(node.data, ignore_errors=True)
    return note


def stop_registered(ctx_live, node, keep):
    note = stop(node, keep)
    servers_list = ctx_live.get("pool_servers", [])
    if node in servers_list:
        servers_list.remove(node)
    return note


def metrics(node):
    client = LambdaClient(node.port)
    try:
        return client.metrics()
    finally:
        client.close()


def warm_up(ctx, node, seconds, conns=WARMUP_CONNS):
    """Creates the no-op function, invokes it once, then loads it with wrk (not measured)."""
    client = LambdaClient(node.port)
    try:
        client.create_python_function(WARM_FUNCTION, NOOP)
        client.invoke_timed(WARM_FUNCTION)
    finally:
        client.close()
    res = ctx.load(f"{node.role} warm-up c{conns}", node.url(), conns, seconds, node.pid)
    ctx.notes.append(f"pools: `{node.role}` JVM warm-up ({res.duration_s:.0f} s at {conns} connections, not measured): "
                     f"{res.requests:,} invocations, {res.errors:,} non-200/socket errors"
                     f"{'; last: ' + res.last_bad if res.last_bad else ''}")
    return res


def wait_pool_full(node, families, timeout_s):
    """Waits until every family's pool has at least its target ready and nothing is starting;
    returns (seconds, reached?, last metrics)."""
    t0 = time.monotonic()
    client = LambdaClient(node.port)
    try:
        while True:
            m = client.metrics()
            full = all(pool_coldstart.metric(m, "hearth_warming_pool_ready", f)
                       >= max(1, pool_coldstart.metric(m, "hearth_warming_pool_target", f))
                       and pool_coldstart.metric(m, "hearth_warming_pool_starting", f) == 0 for f in families)
            if full or time.monotonic() - t0 > timeout_s:
                return time.monotonic() - t0, full, m
            time.sleep(0.05)
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------
# phases


def warm_compare(ctx, res, iso, none):
    """Warm invoke latency at 1 connection, isolation on (iso) vs off (none), ABBA rounds."""
    args = ctx.args
    for node in (iso, none):
        res.warm_up_s[node.role] = args.warmup
        warm_up(ctx, node, args.warmup)
        ctx.load(f"{node.role} warm-up c1", node.url(), 1, args.warmup_c1, node.pid)
    seconds = max(1, int(round(args.duration / 2)))
    rounds = {iso.role: [], none.role: []}
    per_round = []
    for i, node in enumerate((iso, none, none, iso)):
        time.sleep(0.5)
        one = ctx.load(f"warm c1 {node.role} round {i + 1}", node.url(), 1, seconds, node.pid, timed=True)
        ctx.check(one)
        rounds[node.role].append(one)
        res.warm_rounds.append(one)
        per_round.append(f"{node.role} {one.percentile(50):,} µs")
    res.warm["iso"] = wrk.combine(f"warm c1, isolation {ctx.args.isolation}", rounds[iso.role])
    res.warm["none"] = wrk.combine("warm c1, isolation none", rounds[none.role])
    ctx.r["pool_warm_iso"], ctx.r["pool_warm_none"] = res.warm["iso"], res.warm["none"]
    ctx.notes.append(f"pools, warm invokes: per-round p50 {', '.join(per_round)}; other processes used up to "
                     f"{max(x.cpu.cores(x.cpu.other) for x in res.warm_rounds):.2f} cores during a round")


def cold_phase(ctx, res, node, pooled):
    args = ctx.args
    for family in res.families:
        ctx.say(f"cold start {'from the pool' if pooled else 'without the pool'}, {family}: {args.pool_cold} new "
                f"functions (+2 unmeasured primers), first invoke of each")
        run = pool_coldstart.run(node.port, family, args.pool_cold, primers=2, run_id=f"{ctx.run_id}",
                                 pooled=pooled)
        res.cold[(family, pooled)] = run
        p50 = sorted(run.client_ms)[len(run.client_ms) // 2]
        ctx.say(f"  client p50 ≈ {p50:.1f} ms; bindings {run.bindings} of {run.invokes} invokes, misses "
                f"{run.misses}")
        what = f"pools, cold start {'from the pool' if pooled else 'without the pool'} ({family})"
        if pooled and (run.bindings != run.invokes or run.misses):
            ctx.notes.append(f"{what}: bindings_total grew by {run.bindings} over {run.invokes} first invokes "
                             f"(primers included) and misses_total by {run.misses}: not every first invoke bound "
                             f"a pool sandbox")
        if pooled and run.wait_timeouts:
            ctx.notes.append(f"{what}: {run.wait_timeouts} time(s) the pool was not refilled (a ready sandbox, "
                             f"nothing starting) within {pool_coldstart.POOL_WAIT_S:.0f} s before an invoke")
        if not pooled and run.bindings:
            ctx.problems.append(f"{what}: the node runs with --warm-pool-max 0 but bindings_total grew by "
                                f"{run.bindings}")
        if run.missing_init:
            ctx.problems.append(f"{what}: {len(run.missing_init)} first invoke(s) had no Init Duration in their "
                                f"REPORT line (not a cold start?): {', '.join(run.missing_init[:5])}")


def creation_phase(ctx, res, node):
    """Sandbox creation rate without the pool: first invokes of new functions from 8 threads."""
    count = ctx.args.create_count
    names = [f"bench-create-{ctx.run_id}-{i:03d}" for i in range(count)]
    ctx.say(f"sandbox creation rate: creating {count} python functions, then their first invokes from "
            f"{CREATION_THREADS} threads")
    first_invokes.create(node.port, names,
                         lambda c, n: c.create_python_function(n, pool_coldstart.SOURCES["python"].format(name=n)))
    floor = start_floor.measure(count, CREATION_THREADS)
    ctx.say(f"  floor: {floor.describe()}: {floor.count / floor.wall_s:.1f}/s")
    time.sleep(0.5)
    m0 = metrics(node)
    burst = first_invokes.invoke_all(node.port, names, CREATION_THREADS, server_pid=node.pid)
    m1 = metrics(node)
    cold = pool_coldstart.metric(m1, "hearth_cold_starts_total") - pool_coldstart.metric(m0, "hearth_cold_starts_total")
    res.creation = {"burst": burst, "count": count, "cold_starts": cold, "floor": floor}
    ctx.say(f"  {len(burst.ok)} of {count} answered in {burst.wall_s:.2f} s ({count / burst.wall_s:.1f}/s); cold starts "
            f"{cold}")
    if burst.failed or burst.throttled or len(burst.outcomes) < count:
        ctx.problems.append(f"sandbox creation rate: {count - len(burst.ok)} of {count} first invokes failed "
                            f"({len(burst.throttled)} × 429, {len(burst.failed)} other, "
                            f"{count - len(burst.outcomes)} unanswered); last: {burst.last_bad()}")


def memory_phase(ctx, res, node):
    """VmRSS (and cgroup usage) of the idle python runtimes: generic (pool) and bound."""
    ctx.say("idle sandbox memory: waiting for the pool to be full, then reading /proc and the cgroups")
    waited, full, _ = wait_pool_full(node, res.families, 20)
    time.sleep(1.0)
    res.memory = sandbox_memory.read(node.pid)
    res.memory_ready = pool_coldstart.metric(metrics(node), "hearth_warming_pool_ready", "python")
    g, b = res.memory.generic, res.memory.bound
    ctx.say(f"  {len(g)} generic, {len(b)} bound python runtimes")
    if not full:
        ctx.notes.append(f"pools, idle memory: the pool was still not full after {waited:.0f} s")
    if len(g) != res.memory_ready:
        ctx.notes.append(f"pools, idle memory: {len(g)} python runtime(s) without code in their working directory, "
                         f"while the pool reports {res.memory_ready} ready python sandbox(es)")


def refill_phase(ctx, res, node):
    """Drains the python pool with first invokes of POOL_MAX new functions (8 threads), then
    samples its counters until it is full again."""
    names = [f"bench-drain-{ctx.run_id}-{i:03d}" for i in range(POOL_MAX)]
    ctx.say(f"pool refill: creating {len(names)} python functions; their first invokes ({CREATION_THREADS} "
            f"threads) drain the pool")
    first_invokes.create(node.port, names,
                         lambda c, n: c.create_python_function(n, pool_coldstart.SOURCES["python"].format(name=n)))
    wait_pool_full(node, res.families, 20)
    m0 = metrics(node)
    burst = first_invokes.invoke_all(node.port, names, CREATION_THREADS, server_pid=node.pid)
    client = LambdaClient(node.port)
    try:
        t0 = time.monotonic()
        md = client.metrics()
        samples = [(0.0, md)]
        while True:
            time.sleep(0.05)
            m = client.metrics()
            samples.append((time.monotonic() - t0, m))
            ready = pool_coldstart.metric(m, "hearth_warming_pool_ready", "python")
            target = pool_coldstart.metric(m, "hearth_warming_pool_target", "python")
            starting = pool_coldstart.metric(m, "hearth_warming_pool_starting", "python")
            if (ready >= target and starting == 0) or samples[-1][0] > REFILL_CAP_S:
                break
    finally:
        client.close()
    get = lambda m, k: pool_coldstart.metric(m, k, "python")
    seconds, m1 = samples[-1]
    res.drain = {"burst": burst, "bindings": get(md, "hearth_warming_pool_bindings_total")
                 - get(m0, "hearth_warming_pool_bindings_total"),
                 "misses": get(md, "hearth_warming_pool_misses_total") - get(m0, "hearth_warming_pool_misses_total"),
                 "ready_before": get(m0, "hearth_warming_pool_ready")}
    res.refill = {"ready0": get(md, "hearth_warming_pool_ready"), "ready1": get(m1, "hearth_warming_pool_ready"),
                  "target": get(m1, "hearth_warming_pool_target"), "seconds": seconds,
                  "launched": get(m1, "hearth_warming_pool_launched_total")
                  - get(md, "hearth_warming_pool_launched_total"),
                  "full": seconds <= REFILL_CAP_S}
    rf = res.refill
    ctx.say(f"  pool ready {rf['ready0']} → {rf['ready1']} (target {rf['target']}) in {seconds:.2f} s, "
            f"{rf['launched']} launched")
    if burst.failed or burst.throttled or len(burst.outcomes) < len(names):
        ctx.problems.append(f"pool refill: {len(names) - len(burst.ok)} of {len(names)} first invokes failed; "
                            f"last: {burst.last_bad()}")


def burst_phase(ctx, res, node):
    """BURST new functions, their first invokes all at once (one client thread each)."""
    names = [f"bench-burst-{ctx.run_id}-{i:03d}" for i in range(BURST)]
    ctx.say(f"{BURST} new functions at once: creating them")
    first_invokes.create(node.port, names,
                         lambda c, n: c.create_python_function(n, pool_coldstart.SOURCES["python"].format(name=n)))
    res.warm_up_s[node.role] = ctx.args.pool_warmup
    warm_up(ctx, node, ctx.args.pool_warmup)
    waited, full, _ = wait_pool_full(node, res.families, 20)
    if not full:
        ctx.notes.append(f"pools, {BURST} at once: the pool was not full after {waited:.0f} s")
    floor = start_floor.measure(BURST, BURST)
    ctx.say(f"  floor: {floor.describe()}: {floor.wall_s:.2f} s")
    time.sleep(0.5)
    m0 = metrics(node)
    ctx.say(f"{BURST} new functions at once: {BURST} threads, one first invoke each")
    burst = first_invokes.invoke_all(node.port, names, BURST, server_pid=node.pid)
    m1 = metrics(node)
    d = lambda k, f=None: pool_coldstart.metric(m1, k, f) - pool_coldstart.metric(m0, k, f)
    res.burst = {"burst": burst, "count": BURST, "cold_starts": d("hearth_cold_starts_total"),
                 "bindings": d("hearth_warming_pool_bindings_total", "python"),
                 "misses": d("hearth_warming_pool_misses_total", "python"),
                 "ready_before": pool_coldstart.metric(m0, "hearth_warming_pool_ready", "python"), "floor": floor}
    ctx.say(f"  {len(burst.ok)} of {BURST} answered 200 in {burst.wall_s:.2f} s; 429: {len(burst.throttled)}, other "
            f"failures {len(burst.failed)}")
    if burst.failed or len(burst.outcomes) < BURST:
        ctx.problems.append(f"{BURST} at once: {len(burst.failed)} first invoke(s) failed other than with 429, "
                            f"{BURST - len(burst.outcomes)} unanswered; last: {burst.last_bad()}")


# ---------------------------------------------------------------------------------------------
# the whole sequence


def run(ctx, res):
    """Runs the phases in the order of the module doc, filling res (also when one fails)."""
    args = ctx.args
    res.families = ["python"] + (["node"] if shutil.which("node") else [])
    if "node" not in res.families:
        ctx.notes.append("pools: node is not installed: the node cold starts were skipped")
    keep = args.keep
    # 1. warm invokes, isolation on vs off
    iso = start(ctx, "iso", args.isolation, CONCURRENCY, MAX_SANDBOXES, pool_max=0)
    res.isolation = iso.isolation
    res.jdk = servers.java_version(iso.pid)
    none = start(ctx, "none", "none", CONCURRENCY, MAX_SANDBOXES, pool_max=0)
    if not iso.isolation.startswith("namespaces"):
        ctx.notes.append(f"pools: the isolated nodes run with isolation `{iso.isolation}`, not namespaces: the "
                         f"isolation figures compare no isolation with itself")
    ctx.say("warm invokes: isolation on vs off, interleaved 1-connection rounds")
    warm_compare(ctx, res, iso, none)
    ctx.notes.append(stop_registered(ctx.live, none, keep))
    # 2, 3. without the pool: cold starts, creation rate
    time.sleep(1)
    cold_phase(ctx, res, iso, pooled=False)
    time.sleep(1)
    creation_phase(ctx, res, iso)
    ctx.notes.append(stop_registered(ctx.live, iso, keep))
    # 4, 5, 6. with the pool: cold starts, idle memory, refill
    pool = start(ctx, "pool", args.isolation, CONCURRENCY, MAX_SANDBOXES, pool_min=POOL_MIN, pool_max=POOL_MAX)
    waited, full, _ = wait_pool_full(pool, res.families, 60)
    if not full:
        raise BenchError(f"the warming pool of node `pool` was not ready within {waited:.0f} s "
                         f"(see {pool.log})")
    res.warm_up_s[pool.role] = args.pool_warmup
    warm_up(ctx, pool, args.pool_warmup)
    time.sleep(1)
    cold_phase(ctx, res, pool, pooled=True)
    memory_phase(ctx, res, pool)
    refill_phase(ctx, res, pool)
    ctx.notes.append(stop_registered(ctx.live, pool, keep))
    # 7. 100 new functions at once
    time.sleep(1)
    burst = start(ctx, "burst", args.isolation, BURST_CONCURRENCY, BURST_MAX_SANDBOXES)
    burst_phase(ctx, res, burst)
    ctx.notes.append(stop_registered(ctx.live, burst, keep))
