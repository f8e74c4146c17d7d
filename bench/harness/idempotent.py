"""The idempotent-execution phases of bench/run, on the Hearth node of the warm phase.

Hit: an idempotent no-op function (tag hearth:idempotent=true, the warm phase's handler) is
invoked once, which runs it and records the answer; then wrk POSTs that same `{}` at 1, 32 and
64 connections, and every answer must be a replay (X-Hearth-Idempotent: replay).

Miss: a body that differs on every request ({"run":TAG,"t":thread,"n":counter}), so that every
request of the idempotent function misses and runs, against the plain warm function with the
same kind of bodies; both at 1 connection, timed per request, in interleaved rounds (A B, B A,
A B, B A) so that drift (JIT, CPU placement, other work) weighs on both sides alike.

Hearth writes log entries, idempotency decisions and idempotency records to its database on
background threads. Before each measured hit load, before the misses and after them, the phases
wait (a bounded time) until those threads are idle, so that one load's backlog runs as little
as possible during the next one, and note how long that took.
"""
import http.client
import statistics
import time
from dataclasses import dataclass

from . import procs, wrk
from .lambda_api import LambdaClient
from .servers import BenchError

FUNCTION = "bench-idem"
TAGS = {"hearth:idempotent": "true"}
MISS_ROUNDS = 4
WRITERS = ("logs", "decisions", "records")
DRAIN_CAP_S = 1


@dataclass
class Phase:
    """What the phases need from bench/run: the node, the wrk runner and the lists to fill."""
    port: int
    server_pid: int
    plain_url: str         # the warm phase's plain no-op function
    load: callable         # load(label, url, conns, seconds, timed=False, expect=None, vary=None) -> WrkResult
    check: callable        # check(WrkResult): adds a problem when a load failed or had unexpected answers
    r: dict
    notes: list
    run_id: str
    say: callable = print
    waits: list = None     # (after what, seconds waited, drained?) for the notes

    def __post_init__(self):
        self.waits = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/2015-03-31/functions/{FUNCTION}/invocations"


def create(ph, source):
    """Creates the idempotent function and invokes it once: that run records the answer to `{}`."""
    client = LambdaClient(ph.port)
    try:
        client.create_python_function(FUNCTION, source, tags=TAGS)
        if client.invoke_replayed(FUNCTION):
            raise BenchError(f"the first invoke of the new function {FUNCTION} was answered as a replay")
    finally:
        client.close()


def writers_cpu(pid):
    """CPU seconds used so far by the server's store writer threads, by kind."""
    cpu = procs.thread_cpu(pid)
    return {k: cpu[k] for k in WRITERS}


def drain(ph, after, cap_s):
    """Waits until the store writer threads have been idle (at most one clock tick of CPU) for
    0.5 s, or cap_s has passed; records the wait for the notes. Returns True when they are idle."""
    t0 = time.monotonic()
    last = sum(writers_cpu(ph.server_pid).values())
    quiet_since = t0
    while True:
        time.sleep(0.25)
        now = time.monotonic()
        cpu = sum(writers_cpu(ph.server_pid).values())
        if cpu - last > 0.011:
            quiet_since = now
        last = cpu
        if now - quiet_since >= 0.5:
            ph.waits.append((after, now - t0 - 0.5, True))
            return True
        if now - t0 >= cap_s:
            ph.waits.append((after, now - t0, False))
            ph.say(f"  the store writers are still busy after {cap_s:.0f} s ({after}); going on")
            return False


def metrics_note(ph):
    """The server's idempotency and dropped-item counters (GET /hearth/v1/metrics), or None."""
    conn = http.client.HTTPConnection("127.0.0.1", ph.port, timeout=5)
    try:
        conn.request("GET", "/hearth/v1/metrics")
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        if resp.status != 200:
            return None
    except OSError:
        return None
    finally:
        conn.close()
    found = [line for line in text.splitlines()
             if not line.startswith("#") and ("idempotent" in line or "dropped" in line)]
    return ("server counters after the idempotent phases (GET /hearth/v1/metrics): " + ", ".join(found)
            if found else None)


def waits_note(ph):
    """A note on the waits for the store writers, or None when there was none worth telling."""
    told = [f"{what}: {'' if ok else 'still busy after '}{secs:.1f} s" for what, secs, ok in ph.waits
            if secs >= 0.5 or not ok]
    if not told:
        return None
    return ("waits for Hearth's store writer threads (log entries, idempotency decisions and records) to go "
            "idle before the next load: " + "; ".join(told))


def hit(ph, warmup_s, warmup_c1_s, duration_s):
    """Warm-up (not measured), then 1 (timed), 32 and 64 connections, all expecting replays."""
    for key, conns, seconds, label in (("idem_hit_warmup", 64, warmup_s, "idem hit warm-up c64"),
                                       ("idem_hit_warmup_c1", 1, warmup_c1_s, "idem hit warm-up c1")):
        ph.r[key] = ph.load(label, ph.url, conns, seconds, expect="replay")
        ph.check(ph.r[key])
    previous = "the hit warm-up"
    for key, conns, label in (("idem_hit_c1", 1, "idem hit c1"), ("idem_hit_c32", 32, "idem hit c32"),
                              ("idem_hit_c64", 64, "idem hit c64")):
        drain(ph, f"after {previous}", DRAIN_CAP_S)  # also the pause between loads (at least 0.5 s)
        previous = label
        ph.r[key] = ph.load(label, ph.url, conns, duration_s, timed=conns == 1, expect="replay")
        ph.check(ph.r[key])
    loads = [ph.r[k] for k in ("idem_hit_warmup", "idem_hit_warmup_c1", "idem_hit_c1", "idem_hit_c32",
                               "idem_hit_c64")]
    ph.notes.append(f"idempotent hits: {sum(x.requests for x in loads):,} answers to the same `{{}}` "
                    f"(warm-up included), {sum(x.unexpected for x in loads):,} of them not a replay; "
                    f"hit warm-up (not measured): {warmup_s} s at 64 connections "
                    f"({ph.r['idem_hit_warmup'].rps:,.0f}/s), then {warmup_c1_s} s at 1 connection")


def miss(ph, warmup_s, duration_s, drain_cap_s):
    """Idempotent misses vs plain warm invokes, new bodies on every request, 1 connection. The
    rounds follow each other without waiting for the store writers: a miss stores a record, and
    the backlog is part of what misses cost, on both sides of the comparison alike. Afterwards
    it waits (at most drain_cap_s) until the store writers are idle again."""
    drain(ph, "after idem hit c64", DRAIN_CAP_S)
    t0 = time.monotonic()
    records0 = writers_cpu(ph.server_pid)["records"]
    ph.r["idem_miss_warmup"] = ph.load("idem miss warm-up c1", ph.url, 1, warmup_s, expect="run",
                                       vary=f"{ph.run_id}-warm")
    ph.check(ph.r["idem_miss_warmup"])
    seconds = max(1, round(duration_s / MISS_ROUNDS))
    sides = {"miss": (ph.url, "idem miss c1"), "plain": (ph.plain_url, "plain new-body c1")}
    rounds = {"miss": [], "plain": []}
    for i in range(MISS_ROUNDS):
        order = ("miss", "plain") if i % 2 == 0 else ("plain", "miss")
        for side in order:
            url, label = sides[side]
            time.sleep(0.5)
            res = ph.load(f"{label} round {i + 1}", url, 1, seconds, timed=True, expect="run",
                          vary=f"{ph.run_id}-{side}-{i + 1}")
            ph.check(res)
            rounds[side].append(res)
    ph.r["idem_miss_c1"] = wrk.combine(f"idem miss c1 ({MISS_ROUNDS} rounds)", rounds["miss"])
    ph.r["plain_vary_c1"] = wrk.combine(f"plain new-body c1 ({MISS_ROUNDS} rounds)", rounds["plain"])
    misses = ph.r["idem_miss_warmup"].requests + ph.r["idem_miss_c1"].requests
    span = time.monotonic() - t0
    drained = drain(ph, "after the idempotent misses", drain_cap_s)
    _, waited, _ = ph.waits[-1]
    busy = writers_cpu(ph.server_pid)["records"] - records0
    ph.notes.append(
        f"idempotency record writer: {misses:,} misses (each a record to store) came in {span:.0f} s; the "
        f"`idempotency-writer` thread used {busy:.1f} CPU seconds from the first miss on and was "
        + (f"idle {waited:.1f} s after the last miss" if drained else
           f"still busy {waited:.0f} s after the last miss (the cap): its backlog was still being written when the "
           f"next phase began"))
    pairs = [(m.percentile(50), p.percentile(50)) for m, p in zip(rounds["miss"], rounds["plain"])]
    diffs = [m - p for m, p in pairs]
    median = statistics.median(diffs)
    ph.notes.append(
        f"idempotent miss vs plain warm invoke, {MISS_ROUNDS} interleaved rounds of {seconds} s at 1 connection "
        f"(order AB BA AB BA), p50 miss / plain per round: "
        + ", ".join(f"{m} / {p} µs" for m, p in pairs)
        + f"; differences {', '.join(f'{d:+d}' for d in diffs)} µs (median {median:+.0f} µs). Every body is new "
          f"({{\"run\":…,\"t\":…,\"n\":counter}}), so each miss also stores a record (at most 10,000 per "
          f"function are kept, the oldest evicted); {ph.r['idem_miss_c1'].unexpected + ph.r['plain_vary_c1'].unexpected:,} "
          f"answers were replays (must be 0)")
