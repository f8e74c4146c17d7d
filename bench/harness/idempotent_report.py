"""The idempotent-execution table of the benchmark report: hits (the same `{}` answered from the
record) against the floor and the plain warm invoke, and the cost of a miss over a plain warm
invoke with the same kind of (new on every request) bodies, with the issue's targets."""
from .cells import MAX_ERROR_RATE, errors_cell, errors_verdict, rate, ratio, us, verdict

TARGET_HIT_ADDED_P50_US = 100
TARGET_HIT_WARM_RATIO = 0.5
TARGET_HITS_PER_S = 30_000
TARGET_MISS_ADDED_P50_US = 50

HIT_LOADS = ("idem_hit_warmup", "idem_hit_warmup_c1", "idem_hit_c1", "idem_hit_c32", "idem_hit_c64")


def signed_us(v):
    return "n/a" if v is None else f"{v:+,.0f} µs"


def _p(res, q):
    return res.percentile(q) if res else None


def _diff(a, b):
    return a - b if a is not None and b is not None else None


def hit_rows(r):
    fl, hl, il = r.get("floor_c1"), r.get("hearth_c1"), r.get("idem_hit_c1")
    f50, h50, i50 = _p(fl, 50), _p(hl, 50), _p(il, 50)
    added = _diff(i50, f50)
    one = _p(r.get("floor_c1_one_cpu"), 50)
    added_text = signed_us(added)
    if added is not None and one is not None and one != f50:
        added_text += f"; {signed_us(i50 - one)} against the floor on one CPU"
    warm_ratio = i50 / h50 if i50 is not None and h50 else None
    best = max((x for x in (r.get("idem_hit_c32"), r.get("idem_hit_c64")) if x), key=lambda x: x.rps, default=None)
    tput = lambda key: r[key].rps if r.get(key) else None
    hits = [r[k] for k in HIT_LOADS if r.get(k)]
    odd = sum(x.unexpected for x in hits)
    answers = sum(x.requests - x.non200 for x in hits)
    return [
        ("hit latency p50, 1 connection (wrk -t1 -c1, same `{}`)", us(f50), us(h50), us(i50), ratio(i50, h50), "", ""),
        ("hit latency p99, 1 connection", us(_p(fl, 99)), us(_p(hl, 99)), us(_p(il, 99)), ratio(_p(il, 99), _p(hl, 99)),
         "", ""),
        ("hit added latency p50 (hit − floor)", "", "", signed_us(added), "", f"≤ {TARGET_HIT_ADDED_P50_US} µs",
         "n/a" if added is None else verdict(added <= TARGET_HIT_ADDED_P50_US, added_text)),
        ("hit p50 / warm invoke p50", "", "", "", ratio(i50, h50), f"≤ {TARGET_HIT_WARM_RATIO}×",
         "n/a" if warm_ratio is None else verdict(warm_ratio <= TARGET_HIT_WARM_RATIO,
                                                  f"{i50:,} / {h50:,} µs = {warm_ratio:.2f}×")),
        ("hits/s, 32 connections (wrk -t2 -c32)", rate(tput("floor_c32"), "req/s"), rate(tput("hearth_c32"), "inv/s"),
         rate(tput("idem_hit_c32"), "hits/s"), ratio(tput("idem_hit_c32"), tput("hearth_c32")), "", ""),
        ("hits/s, 64 connections (wrk -t2 -c64)", rate(tput("floor_c64"), "req/s"), rate(tput("hearth_c64"), "inv/s"),
         rate(tput("idem_hit_c64"), "hits/s"), ratio(tput("idem_hit_c64"), tput("hearth_c64")), "", ""),
        ("hits/s, best of 32/64", "", "", rate(best.rps if best else None, "hits/s"), "",
         f"≥ {TARGET_HITS_PER_S:,} hits/s",
         "n/a" if best is None else verdict(best.rps >= TARGET_HITS_PER_S,
                                            f"{best.rps:,.0f} hits/s at {best.label.split()[-1]}")),
        ("hit answers without `X-Hearth-Idempotent: replay` (all hit loads, warm-up included)", "", "",
         f"{odd:,} of {answers:,}", "", "0", "n/a" if not hits else verdict(odd == 0, f"{odd:,} not replayed")),
    ]


def miss_rows(r):
    pl, ml = r.get("plain_vary_c1"), r.get("idem_miss_c1")
    p50, m50 = _p(pl, 50), _p(ml, 50)
    adds = _diff(m50, p50)
    loads = [x for x in (pl, ml) if x]
    replays = sum(x.unexpected for x in loads)
    return [
        ("miss latency p50, 1 connection, a new body per request", "", us(p50), us(m50), ratio(m50, p50), "", ""),
        ("miss latency p99, 1 connection, a new body per request", "", us(_p(pl, 99)), us(_p(ml, 99)),
         ratio(_p(ml, 99), _p(pl, 99)), "", ""),
        ("miss adds (miss p50 − warm invoke p50, same kind of bodies)", "", "", signed_us(adds), "",
         f"≤ {TARGET_MISS_ADDED_P50_US} µs",
         "n/a" if adds is None else verdict(adds <= TARGET_MISS_ADDED_P50_US,
                                            f"miss adds {signed_us(adds)}: {m50:,} vs {p50:,} µs")),
        ("miss answers that were replays (must be 0: every body is new)", "", f"{pl.unexpected:,}" if pl else "n/a",
         f"{ml.unexpected:,}" if ml else "n/a", "", "0",
         "n/a" if not loads else verdict(replays == 0, f"{replays:,} replayed")),
    ]


def idempotent_table(r):
    """Markdown lines of the table, or [] when the idempotent phases did not run."""
    if not any(r.get(k) for k in HIT_LOADS + ("idem_miss_c1", "plain_vary_c1")):
        return []
    measured = [r[k] for k in ("idem_hit_c1", "idem_hit_c32", "idem_hit_c64", "idem_miss_c1", "plain_vary_c1")
                if r.get(k)]
    rows = hit_rows(r) + miss_rows(r) + [
        ("non-200 + socket errors (measured idempotency loads)", "",
         errors_cell([x for x in (r.get("plain_vary_c1"),) if x]),
         errors_cell([x for x in measured if x is not r.get("plain_vary_c1")]), "",
         f"≤ {MAX_ERROR_RATE * 100:.1f}%", errors_verdict(measured)),
    ]
    head = ("measure", "floor (python echo)", "hearth warm invoke (plain no-op)", "hearth idempotent no-op",
            "idempotent / warm", "target (issue)", "verdict")
    lines = ["| " + " | ".join(head) + " |", "|---|--:|--:|--:|--:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
