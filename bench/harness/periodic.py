"""The predictive pre-warming phase of bench/run (issue: detect periodic invocation patterns and have
a sandbox bound and ready shortly before the next expected call; a periodic trace must get ≥ 90%
fewer cold starts than without prediction, at a bounded memory cost).

Two nodes are started at the same time: `predict` (--prewarm on) and `plain` (--prewarm off), both
--warm-pool-max 0 (every cold start is a process start) --keep-alive 2s --keep-alive-min 1s
--keep-alive-max 3s (keep-alive alone never covers the period) and the run's isolation. Each gets a
short JVM warm-up (bench-noop under wrk, one node after the other); then the run waits until neither
has a live sandbox or an open prediction, and creates one new python no-op function on each.

The trace: N beats (--periodic-beats), period P = 6 s, each beat moved by a uniform ±0.3 s jitter
(seeded: the same trace every run, and for both nodes). At each beat the function is invoked on
`predict`, then on `plain`, each on a new connection opened just before the timed request, with the
log tail: a call is cold when its REPORT line has "Init Duration". A thread samples both nodes'
metrics every 0.5 s; `hearth_sandboxes_live` is integrated over the trace (N × P s: each beat's
nominal time ± P/2) into sandbox-seconds, the memory cost. One more period is sampled after the
trace (what the prediction holds once the calls stop). The server's algorithm (docs/design.md,
"Adaptive keep-alive and pre-warming") needs 3 gaps, i.e. 4 calls, before it predicts: the first
4 beats are cold on both nodes."""
import http.client
import random
import threading
import time
from dataclasses import dataclass, field

from . import pools, servers
from .cells import ms, ratio, verdict
from .coldstart import percentile
from .lambda_api import LambdaClient
from .servers import BenchError

PERIOD_S = 6.0
JITTER_S = 0.3
SEED = 6006
LEARNING_BEATS = 4
SAMPLE_S = 0.5
TARGET_REDUCTION = 0.90
FUNCTION = "bench-periodic"
ROLES = ("predict", "plain")
NODE_FLAGS = ("--keep-alive", "2s", "--keep-alive-min", "1s", "--keep-alive-max", "3s")
CONCURRENCY, MAX_SANDBOXES = 16, 32
QUIET_CAP_S = 20.0
CALL_TIMEOUT_S = 30.0
# The server's pre-warm lead and least window half-width (docs/design.md): a sandbox is asked for
# lead + w before the expected call; here w = 1 s (jitter ±0.3 s → 1.5 × gap jitter < 1 s).
LEAD_S, WINDOW_S = 2.0, 1.0
METRICS = {"live": "hearth_sandboxes_live", "open": "hearth_prewarm_open",
           "predictions": "hearth_prewarm_predictions_total", "hits": "hearth_prewarm_hits_total",
           "misses": "hearth_prewarm_misses_total", "capped": "hearth_prewarm_capped_total",
           "started": "hearth_prewarm_started_total", "failures": "hearth_prewarm_failures_total",
           "cold": "hearth_cold_starts_total"}
COUNTERS = ("predictions", "hits", "misses", "capped", "started", "failures", "cold")


def settings(args):
    """The phase's settings, for the report's header."""
    if args.periodic_beats <= 0:
        return "periodic trace: skipped (--periodic-beats 0)"
    return (f"periodic trace: nodes `predict` (--prewarm on) and `plain` (--prewarm off), both --isolation "
            f"{args.isolation} --warm-pool-max 0 {' '.join(NODE_FLAGS)} --concurrency {CONCURRENCY} "
            f"--max-sandboxes {MAX_SANDBOXES}, {args.pool_warmup} s JVM warm-up each; {args.periodic_beats} beats, "
            f"P = {PERIOD_S:g} s, jitter uniform ±{JITTER_S:g} s (seed {SEED}); metrics sampled every {SAMPLE_S:g} s")


@dataclass
class Call:
    beat: int
    role: str
    at: float = 0.0          # monotonic time the request was sent, s
    ms: float = None         # client latency
    cold: bool = None        # the REPORT line had Init Duration
    init_ms: float = None
    error: str = ""


@dataclass
class PeriodicResults:
    beats: int = 0
    isolation: str = ""
    jdk: str = ""
    offsets: list = field(default_factory=list)        # each beat's time from the trace's start, s
    calls: dict = field(default_factory=dict)          # role -> [Call]
    samples: dict = field(default_factory=dict)        # role -> [(monotonic s, {key: value})]
    window: tuple = ()                                 # (start, end, tail end), monotonic s
    trace: dict = field(default_factory=dict)          # role -> counter deltas over the trace
    tail: dict = field(default_factory=dict)           # role -> counter deltas over the period after it
    warmup: dict = field(default_factory=dict)         # role -> counter deltas over warm-up + quiet wait
    late: list = field(default_factory=list)           # (beat, seconds late)
    sampler_errors: int = 0


def _read(m):
    return {k: int(m.get(name, 0)) for k, name in METRICS.items()}


def _metrics(node):
    client = LambdaClient(node.port, timeout=10)
    try:
        return _read(client.metrics())
    finally:
        client.close()


def _delta(a, b):
    return {k: b[k] - a[k] for k in COUNTERS}


class Sampler(threading.Thread):
    """Reads the nodes' metrics every SAMPLE_S (absolute schedule) until stopped."""

    def __init__(self, nodes):
        super().__init__(name="periodic-sampler", daemon=True)
        self.nodes = nodes
        self.samples = {n.role: [] for n in nodes}
        self.errors = 0
        self.done = threading.Event()

    def run(self):
        clients = {n.role: LambdaClient(n.port, timeout=5) for n in self.nodes}
        due = time.monotonic()
        try:
            while not self.done.is_set():
                for n in self.nodes:
                    t = time.monotonic()
                    try:
                        m = clients[n.role].metrics()
                    except (BenchError, OSError, http.client.HTTPException):
                        self.errors += 1
                        clients[n.role].close()   # http.client reconnects on the next request
                        continue
                    self.samples[n.role].append((t, _read(m)))
                due += SAMPLE_S
                self.done.wait(max(0.0, due - time.monotonic()))
        finally:
            for c in clients.values():
                c.close()


def integrate(samples, start, end):
    """∫ live sandboxes dt over [start, end] (linear between samples), in sandbox-seconds."""
    total = 0.0
    for (t1, s1), (t2, s2) in zip(samples, samples[1:]):
        lo, hi = max(t1, start), min(t2, end)
        if hi <= lo or t2 <= t1:
            continue
        at = lambda t: s1["live"] + (s2["live"] - s1["live"]) * (t - t1) / (t2 - t1)
        total += (at(lo) + at(hi)) / 2 * (hi - lo)
    return total


def _in(samples, start, end):
    return [s for t, s in samples if start <= t <= end]


def _call(node, beat):
    """One timed invoke of FUNCTION on a new connection (opened first, not timed)."""
    call = Call(beat=beat, role=node.role)
    client = LambdaClient(node.port, timeout=CALL_TIMEOUT_S)
    try:
        client.connect()
        call.at = time.monotonic()
        elapsed, init, _ = client.invoke_timed(FUNCTION)
        call.ms, call.cold, call.init_ms = elapsed / 1e6, init is not None, init
    except (BenchError, OSError, http.client.HTTPException) as e:
        call.error = f"{type(e).__name__}: {e}"[:200]
    finally:
        client.close()
    return call


def _wait_quiet(nodes, cap_s):
    """Waits until no node has a live sandbox or an open prediction; (seconds, reached?)."""
    t0 = time.monotonic()
    while True:
        now = [_metrics(n) for n in nodes]
        if all(m["live"] == 0 and m["open"] == 0 for m in now):
            return time.monotonic() - t0, True
        if time.monotonic() - t0 > cap_s:
            return time.monotonic() - t0, False
        time.sleep(0.25)


def _sleep_until(t):
    while True:
        left = t - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.5))


def run(ctx, res):
    """Starts both nodes, warms them up, runs the trace; fills res."""
    args = ctx.args
    n = res.beats = args.periodic_beats
    nodes = [pools.launch(ctx, role, args.isolation, CONCURRENCY, MAX_SANDBOXES, pool_max=0,
                          extra=NODE_FLAGS + ("--prewarm", "on" if role == "predict" else "off"))
             for role in ROLES]
    for node in nodes:
        pools.ready(node)
    predict, plain = nodes
    res.isolation = predict.isolation
    res.jdk = servers.java_version(predict.pid)
    before = {node.role: _metrics(node) for node in nodes}
    for node in nodes:
        pools.warm_up(ctx, node, args.pool_warmup)
    waited, quiet = _wait_quiet(nodes, QUIET_CAP_S)
    if not quiet:
        ctx.notes.append(f"periodic: after the warm-ups the nodes still had live sandboxes or open predictions "
                         f"after {waited:.0f} s; the trace started anyway")
    for node in nodes:
        client = LambdaClient(node.port)
        try:
            client.create_python_function(FUNCTION, pools.NOOP)
        finally:
            client.close()
    rng = random.Random(SEED)
    res.offsets = [k * PERIOD_S + rng.uniform(-JITTER_S, JITTER_S) for k in range(n)]
    res.calls = {node.role: [] for node in nodes}
    sampler = Sampler(nodes)
    ctx.say(f"periodic trace: {n} beats every {PERIOD_S:g} s (±{JITTER_S:g} s), each calling `predict` then "
            f"`plain`; about {(n + 1) * PERIOD_S:.0f} s")
    sampler.start()
    try:
        start = time.monotonic() + SAMPLE_S + 0.2
        t0 = start + PERIOD_S / 2
        end = start + n * PERIOD_S
        tail_end = end + PERIOD_S
        res.window = (start, end, tail_end)
        _sleep_until(start)
        m0 = {node.role: _metrics(node) for node in nodes}
        res.warmup = {r: _delta(before[r], m0[r]) for r in m0}
        for k, offset in enumerate(res.offsets):
            due = t0 + offset
            _sleep_until(due)
            late = time.monotonic() - due
            if late > 0.1:
                res.late.append((k, late))
            for node in nodes:
                call = _call(node, k)
                res.calls[node.role].append(call)
                if call.error:
                    ctx.problems.append(f"periodic: beat {k + 1}, `{node.role}`: the call failed: {call.error}")
            p, q = res.calls["predict"][-1], res.calls["plain"][-1]
            ctx.say(f"  beat {k + 1}/{n}: predict {_word(p)}, plain {_word(q)}")
        _sleep_until(end)
        m1 = {node.role: _metrics(node) for node in nodes}
        _sleep_until(tail_end + SAMPLE_S)
        m2 = {node.role: _metrics(node) for node in nodes}
    finally:
        sampler.done.set()
        sampler.join(5)
        res.samples = sampler.samples
        res.sampler_errors = sampler.errors
    res.trace = {r: _delta(m0[r], m1[r]) for r in m0}
    res.tail = {r: _delta(m1[r], m2[r]) for r in m0}
    _notes(ctx, res)
    for node in nodes:
        ctx.notes.append(pools.stop_registered(ctx.live, node, args.keep))


def _word(call):
    if call.error:
        return "FAILED"
    return f"{'cold' if call.cold else 'warm'} {call.ms:.1f} ms"


# ---------------------------------------------------------------------------------------------
# analysis


def _colds(calls, first=0):
    return sum(1 for c in calls if c.beat >= first and c.cold)


def _last_before(samples, t):
    found = None
    for ts, s in samples:
        if ts >= t:
            break
        found = s
    return found


def diagnose(res, call):
    """Why a call on `predict` after the learning beats was cold, from the metrics samples."""
    samples = res.samples.get("predict", [])
    look = LEAD_S + 2 * WINDOW_S + SAMPLE_S
    live = [s["live"] for t, s in samples if call.at - look <= t < call.at]
    last = _last_before(samples, call.at)
    prev = next((c for c in res.calls["predict"] if c.beat == call.beat - 1), None)
    since = _last_before(samples, prev.at) if prev else None
    made = (last["predictions"] - since["predictions"]) if last and since else None
    started = (last["started"] - since["started"]) if last and since else None
    gap = f"{call.at - prev.at:.2f} s after the previous call" if prev else "first call"
    if last is None:
        why = "no metrics sample before the call"
    elif made == 0 and not last["open"]:
        why = "no prediction was made for it (period not detected or beat not planned)"
    elif last["open"] and not any(live):
        why = "a prediction was open but no sandbox was live before the call (pre-warm too late or failed)"
    elif any(live) and last["live"] == 0:
        why = "a sandbox was live before the call but gone at the last sample (reaped or released too early)"
    elif last["live"]:
        why = "a sandbox was live at the last sample before the call, yet the call cold-started"
    else:
        why = "unclear"
    return (f"beat {call.beat + 1} ({gap}, {call.ms:.0f} ms): {why}; live sandboxes in the {look:g} s before: "
            f"{live}; since the previous call: predictions +{made}, pre-warm starts +{started}; open "
            f"{last['open'] if last else '?'}")


def _notes(ctx, res):
    n = res.beats
    for role in ROLES:
        pattern = "".join("x" if c.error else ("C" if c.cold else "w") for c in res.calls[role])
        ctx.notes.append(f"periodic, `{role}`: per beat (C cold, w warm, x failed): {pattern}")
    for role in ROLES:
        d, w = res.trace[role], res.warmup[role]
        reported = _colds(res.calls[role])
        if d["cold"] != reported:
            ctx.notes.append(f"periodic, `{role}`: hearth_cold_starts_total grew by {d['cold']} during the trace, "
                             f"but {reported} REPORT lines had Init Duration")
        if w["predictions"] or w["started"]:
            ctx.notes.append(f"periodic, `{role}`: during its JVM warm-up and the wait for quiet (before the "
                             f"trace, not counted) the node made {w['predictions']} prediction(s), started "
                             f"{w['started']} pre-warm sandbox(es), {w['hits']} hit(s), {w['misses']} miss(es) for "
                             f"`{pools.WARM_FUNCTION}` (a function called without pause looks periodic at the "
                             f"sampling interval)")
        if d["failures"]:
            ctx.notes.append(f"periodic, `{role}`: hearth_prewarm_failures_total grew by {d['failures']}")
    cold_after = [c for c in res.calls["predict"] if c.beat >= LEARNING_BEATS and c.cold]
    if cold_after:
        ctx.notes.append(f"periodic: {len(cold_after)} call(s) on `predict` after the {LEARNING_BEATS} learning beats "
                         f"were cold: " + "; ".join(diagnose(res, c) for c in cold_after[:10])
                         + (" …" if len(cold_after) > 10 else ""))
    if res.late:
        ctx.notes.append(f"periodic: {len(res.late)} beat(s) started late (the previous calls overran): "
                         + ", ".join(f"beat {k + 1} +{s:.2f} s" for k, s in res.late[:10]))
    if res.sampler_errors:
        ctx.notes.append(f"periodic: {res.sampler_errors} metrics sample(s) failed")
    if n < LEARNING_BEATS * 10:
        ctx.notes.append(f"periodic: with {n} beats the best possible reduction is {(n - LEARNING_BEATS) / n * 100:.1f}% "
                         f"(the first {LEARNING_BEATS} are cold on both nodes): the ≥ 90% target needs ≥ "
                         f"{LEARNING_BEATS * 10} beats")


# ---------------------------------------------------------------------------------------------
# report


def section(res):
    """The Markdown table of the phase (empty when it did not run)."""
    if not res.calls or not all(res.calls.get(r) for r in ROLES):
        return ""
    pr, pl = res.calls["predict"], res.calls["plain"]
    n = min(len(pr), len(pl))
    learn = LEARNING_BEATS
    pc, qc = _colds(pr), _colds(pl)
    pca, qca = _colds(pr, learn), _colds(pl, learn)
    failed = sum(1 for c in pr + pl if c.error)
    red = (1 - pc / qc) if qc else None
    red_after = (1 - pca / qca) if qca else None
    best = (n - learn) / n if n > learn else 0.0
    pct = lambda v: "n/a" if v is None else f"{v * 100:.1f}%"
    rows = [(f"cold starts, all {n} beats (REPORT has Init Duration)", f"{pc} of {n}", f"{qc} of {n}",
             f"{pct(red)} fewer",
             f"≥ {TARGET_REDUCTION * 100:.0f}% fewer (best possible with {n} beats: {best * 100:.1f}%)",
             "n/a" if red is None else verdict(red >= TARGET_REDUCTION and not failed,
                                               f"{pct(red)} fewer" + (f", {failed} failed call(s)" if failed else "")))]
    if n > learn:
        rows.append((f"cold starts after the {learn} learning beats ({n - learn} beats)", f"{pca} of {n - learn}",
                     f"{qca} of {n - learn}", f"{pct(red_after)} fewer", "", ""))
    if failed:
        rows.append(("failed calls", str(sum(1 for c in pr if c.error)), str(sum(1 for c in pl if c.error)),
                     "", "", ""))
    tp, tq = res.trace.get("predict", {}), res.trace.get("plain", {})
    rows.append(("hearth_cold_starts_total growth", str(tp.get("cold", "n/a")), str(tq.get("cold", "n/a")),
                 "", "", ""))
    pm = lambda d: (f"{d.get('predictions', 0)} / {d.get('hits', 0)} / {d.get('misses', 0)} / {d.get('capped', 0)} / "
                    f"{d.get('started', 0)}")
    rows.append(("pre-warm predictions / hits / misses / capped / started (metrics, over the trace)", pm(tp), pm(tq),
                 "", "", ""))
    ok = lambda calls, first=0: [c.ms for c in calls if not c.error and c.beat >= first]
    p50 = lambda v: percentile(v, 50)
    rows.append(("client latency p50, all calls", ms(p50(ok(pr))), ms(p50(ok(pl))),
                 ratio(p50(ok(pr)), p50(ok(pl))), "", ""))
    if n > learn:
        rows.append((f"client latency p50 / max, after the learning beats",
                     f"{ms(p50(ok(pr, learn)))} / {ms(max(ok(pr, learn), default=None))}",
                     f"{ms(p50(ok(pl, learn)))} / {ms(max(ok(pl, learn), default=None))}",
                     ratio(p50(ok(pr, learn)), p50(ok(pl, learn))), "", ""))
    kind = lambda calls, cold: [c.ms for c in calls if not c.error and c.cold == cold]
    rows.append(("client latency p50 of the cold / warm calls",
                 f"{ms(p50(kind(pr, True)))} / {ms(p50(kind(pr, False)))}",
                 f"{ms(p50(kind(pl, True)))} / {ms(p50(kind(pl, False)))}", "", "", ""))
    start, end, tail_end = res.window
    last = min((res.samples[r][-1][0] for r in ROLES if res.samples.get(r)), default=start)
    end, tail_end = min(end, last), min(tail_end, last)   # an interrupted trace: what was sampled
    secs = {r: integrate(res.samples.get(r, []), start, end) for r in ROLES}
    span = max(end - start, 1e-9)
    sp, sq = secs["predict"], secs["plain"]
    peak = {r: max((s["live"] for s in _in(res.samples.get(r, []), start, end)), default=None) for r in ROLES}
    rows.append((f"memory cost: live sandboxes integrated over the trace ({span:.0f} s, sampled every {SAMPLE_S:g} s)",
                 f"{sp:,.1f} sandbox-s", f"{sq:,.1f} sandbox-s", ratio(sp, sq),
                 "bounded: ≤ 1 live sandbox at a time for the one periodic function",
                 "n/a" if peak["predict"] is None else verdict(peak["predict"] <= 1,
                                                               f"at most {peak['predict']} live on `predict`")))
    rows.append(("… per beat / mean live sandboxes / most live at a sample",
                 f"{sp / n:.2f} s / {sp / span:.2f} / {peak['predict']}",
                 f"{sq / n:.2f} s / {sq / span:.2f} / {peak['plain']}", "", "", ""))
    if qc > pc:
        rows.append(("… extra sandbox-seconds per cold start avoided", f"{(sp - sq) / (qc - pc):.2f} s", "", "", "",
                     ""))
    tl = {r: integrate(res.samples.get(r, []), end, tail_end) for r in ROLES}
    tpt, tqt = res.tail.get("predict", {}), res.tail.get("plain", {})
    rows.append((f"after the trace: one more period ({tail_end - end:.0f} s) without calls: sandbox-s; "
                 f"predictions / misses / pre-warm starts",
                 f"{tl['predict']:.1f}; {tpt.get('predictions', 0)} / {tpt.get('misses', 0)} / {tpt.get('started', 0)}",
                 f"{tl['plain']:.1f}; {tqt.get('predictions', 0)} / {tqt.get('misses', 0)} / {tqt.get('started', 0)}",
                 "", "", ""))
    head = ("periodic trace", "with prediction (`predict`)", "without (`plain`)", "with / without",
            "target (issue)", "verdict")
    note = (f"Predictive pre-warming: {n} beats of one python no-op function, period {PERIOD_S:g} s, jitter "
            f"±{JITTER_S:g} s (seeded), each beat calling `predict` (--prewarm on) then `plain` (--prewarm off); both "
            f"nodes --warm-pool-max 0 {' '.join(NODE_FLAGS)} (isolated nodes: `{res.isolation or 'n/a'}`). "
            f"The server predicts after 3 gaps, so the first {learn} beats are learning beats, cold on both "
            f"nodes: with N beats at most (N − {learn}) / N fewer cold starts are possible, and the ≥ 90% target "
            f"(judged on all beats) needs N ≥ {learn * 10} and every later beat warm. Memory cost: "
            f"`hearth_sandboxes_live` (the nodes run without a warming pool: function sandboxes only) integrated "
            f"over the trace; the prediction holds a sandbox from about lead + w = {LEAD_S + WINDOW_S:g} s before "
            f"each expected call, `plain` only for its keep-alive after each call.")
    return "\n".join([note, "", "| " + " | ".join(head) + " |", "|---|--:|--:|--:|---|---|"]
                     + ["| " + " | ".join(row) + " |" for row in rows] + [""])
