"""The warming-pool and isolation tables of the benchmark report (harness/pools.py's results),
with the issue's targets: cold starts with and without the pool, then sandbox creation, pool
refill, idle sandbox memory, warm invokes with isolation on and off, and 100 first invokes at
once; and the report of a run with --pools-only (header, these tables, notes)."""
from .cells import ms, ratio, us, verdict
from .coldstart import percentile
from .report import cpu_table

TARGET_COLD_MS = {"python": 25, "node": 40}
TARGET_CREATION_PER_S = 50
TARGET_IDLE_RSS_BYTES = 12_000_000
TARGET_ISOLATION_RATIO = 1.10
TARGET_BURST_S = 2.0


def mb(v):
    return "n/a" if v is None else f"{v / 1e6:,.1f} MB"


def _p(values, q):
    return percentile(values, q) if values else None


def cold_table(res):
    rows = []
    for family in res.families:
        pool, nopool = res.cold.get((family, True)), res.cold.get((family, False))
        if not pool and not nopool:
            continue
        n = len((pool or nopool).client_ms)
        p50 = lambda run: _p(run.client_ms, 50) if run else None
        target = TARGET_COLD_MS[family]
        pv = p50(pool)
        rows.append((f"{family}: p50, client ({n} new functions each)", ms(pv), ms(p50(nopool)),
                     ratio(pv, p50(nopool)), f"≤ {target} ms with the pool",
                     "n/a" if pv is None else verdict(pv <= target, ms(pv))))
        for label, attr in (("p90 / max, client", "client_ms"),):
            cell = lambda run: f"{ms(_p(getattr(run, attr), 90))} / {ms(max(getattr(run, attr)))}" if run else "n/a"
            rows.append((f"{family}: {label}", cell(pool), cell(nopool), "", "", ""))
        for label, attr in (("Init Duration p50 (REPORT line)", "init_ms"),
                            ("Duration p50 (REPORT line: the handler's invoke)", "duration_ms"),
                            ("the rest p50: client − Init Duration − Duration", "rest_ms"),
                            ("CreateFunction p50 (before, not part of it)", "create_ms")):
            cell = lambda run: ms(_p(getattr(run, attr), 50)) if run else "n/a"
            rows.append((f"{family}: {label}", cell(pool), cell(nopool), "", "", ""))
        bound = lambda run: (f"{run.bindings} of {run.invokes} (misses {run.misses})" if run else "n/a")
        ok = pool is not None and pool.bindings == pool.invokes and not pool.misses
        rows.append((f"{family}: first invokes that bound a pool sandbox (bindings_total; primers included)",
                     bound(pool), bound(nopool), "", "all, with the pool",
                     "n/a" if pool is None else ("yes" if ok else "**no** (see the notes)")))
    if not rows:
        return []
    head = ("cold start: first invoke of a new function", "with the warming pool", "without (--warm-pool-max 0)",
            "pool / no pool", "target (issue)", "verdict")
    return (["| " + " | ".join(head) + " |", "|---|--:|--:|--:|---|---|"]
            + ["| " + " | ".join(row) + " |" for row in rows])


def _burst_cells(burst, count):
    wall = burst.wall_s
    lat = [o.ms for o in burst.outcomes]
    answered = (f"{len(burst.ok)} of {count} answered 200; {len(burst.throttled)} × 429, "
                f"{len(burst.failed)} other failures, {count - len(burst.outcomes)} unanswered")
    spread = (f"per invoke p50 {ms(_p(lat, 50))}, max {ms(max(lat))}" if lat else "")
    cpu = burst.cpu
    if cpu and cpu.wall > 0 and burst.outcomes:
        per = (cpu.server + cpu.sandboxes) / len(burst.outcomes) * 1e3
        spread += (f"; CPU in cores over {cpu.wall:.2f} s: server {cpu.server / cpu.wall:.2f} (JIT + GC "
                   f"{cpu.server_jit_gc / cpu.wall:.2f}), sandboxes "
                   f"{cpu.sandboxes / cpu.wall:.2f}, other processes {cpu.other / cpu.wall:.2f}, idle "
                   f"{cpu.idle / cpu.wall:.2f}; server + sandboxes {per:,.0f} ms of CPU per first invoke (server "
                   f"{cpu.server / len(burst.outcomes) * 1e3:,.0f} ms, sandboxes "
                   f"{cpu.sandboxes / len(burst.outcomes) * 1e3:,.0f} ms: "
                   + ", ".join(f"{comm} {v / len(burst.outcomes) * 1e3:,.1f}"
                               for comm, v in sorted(cpu.by_comm.items(), key=lambda kv: -kv[1]) if v > 0)
                   + ")")
    return wall, answered, spread


def isolation_table(res, args):
    rows = []
    c = res.creation
    if c:
        wall, answered, spread = _burst_cells(c["burst"], c["count"])
        per_s = c["count"] / wall if wall else None
        rows.append((f"sandbox creation rate, pool off: {c['count']} new functions' first invokes, "
                     f"{c['burst'].threads} client threads", f"{per_s:,.1f} sandboxes/s" if per_s else "n/a",
                     f"≥ {TARGET_CREATION_PER_S}/s",
                     "n/a" if per_s is None else verdict(per_s >= TARGET_CREATION_PER_S and not c["burst"].failed,
                                                         f"{c['count']} in {wall:.2f} s")))
        rows.append(("… those first invokes", f"{answered}; {spread}; cold starts {c['cold_starts']}", "", ""))
        fl = c.get("floor")
        if fl and fl.per_s:
            rows.append((f"… floor: {fl.describe()}", f"{fl.per_s:,.1f} starts/s"
                         + (f"; Hearth's creation rate is {per_s / fl.per_s:.0%} of it" if per_s else "")
                         + (f" ({fl.failed} failed)" if fl.failed else ""), "", ""))
    d = res.drain
    if d:
        wall, answered, spread = _burst_cells(d["burst"], len(d["burst"].outcomes))
        n = len(d["burst"].outcomes)
        rows.append((f"first invokes with the pool on: {n} new functions, {d['burst'].threads} threads (drains the "
                     f"pool: {d['ready_before']} ready before)",
                     f"{n / wall:,.1f}/s ({n} in {wall:.2f} s); bound {d['bindings']}, missed {d['misses']}; "
                     f"{spread}", "", ""))
    rf = res.refill
    if rf:
        gained = rf["ready1"] - rf["ready0"]
        per_s = gained / rf["seconds"] if rf["seconds"] > 0 else None
        cell = "n/a" if per_s is None else (
            f"{per_s:,.1f}/s: ready {rf['ready0']} → {rf['ready1']} (target {rf['target']}) in {rf['seconds']:.2f} s, "
            f"{rf['launched']} launched" + ("" if rf["full"] else " (not full at the cap)"))
        rows.append(("warming pool refill rate, python, after the drain (ready sandboxes per second)", cell,
                     "none (the pool starts at most 2 at a time per family)", ""))
    mem = res.memory
    if mem is not None:
        med = mem.median
        g, b = mem.generic, mem.bound
        worst = max((x for x in (med(g, "rss"), med(b, "rss")) if x is not None), default=None)
        mx = lambda items: mb(max(x.rss for x in items)) if items else "n/a"
        rows.append((f"idle warm python sandbox: runtime process VmRSS, median (max): generic {len(g)} / bound "
                     f"{len(b)}", f"{mb(med(g, 'rss'))} ({mx(g)}) / {mb(med(b, 'rss'))} ({mx(b)})",
                     f"≤ {TARGET_IDLE_RSS_BYTES / 1e6:.0f} MB, on the python process's VmRSS",
                     "n/a" if worst is None else verdict(worst <= TARGET_IDLE_RSS_BYTES,
                                                         f"larger median {mb(worst)}")))
        rows.append(("… its memory cgroup (memory.usage_in_bytes), median: generic / bound",
                     f"{mb(med(g, 'cgroup'))} / {mb(med(b, 'cgroup'))}", "", ""))
        rows.append(("… Pss of the python process / RSS of the whole sandbox's processes, median: generic / bound",
                     f"{mb(med(g, 'pss'))} / {mb(med(b, 'pss'))}; {mb(med(g, 'tree_rss'))} / "
                     f"{mb(med(b, 'tree_rss'))}", "", ""))
    w_iso, w_none = res.warm.get("iso"), res.warm.get("none")
    if w_iso and w_none:
        i50, n50 = w_iso.percentile(50), w_none.percentile(50)
        rows.append((f"warm invoke p50, 1 connection: isolation none / {args.isolation}", f"{us(n50)} / {us(i50)}",
                     "", ""))
        rows.append(("warm invoke p99, 1 connection: none / isolated",
                     f"{us(w_none.percentile(99))} / {us(w_iso.percentile(99))}", "", ""))
        isolated = (res.isolation or "").startswith("namespaces")
        rows.append(("isolated / none, p50", ratio(i50, n50), f"≤ {TARGET_ISOLATION_RATIO:.2f}×",
                     "n/a (the isolated node is not isolated either)" if not isolated else
                     verdict(i50 / n50 <= TARGET_ISOLATION_RATIO, f"{i50:,} / {n50:,} µs = {i50 / n50:.2f}×")
                     if i50 and n50 else "n/a"))
    bu = res.burst
    if bu:
        wall, answered, spread = _burst_cells(bu["burst"], bu["count"])
        ok = len(bu["burst"].ok) == bu["count"] and wall is not None and wall <= TARGET_BURST_S
        rows.append((f"{bu['count']} new functions invoked at once ({bu['burst'].threads} threads): first request "
                     f"sent → last answer", "n/a" if wall is None else f"{wall:.2f} s",
                     f"all {bu['count']} answered (200) within {TARGET_BURST_S:.0f} s",
                     verdict(ok, f"{len(bu['burst'].ok)} × 200 in {'n/a' if wall is None else f'{wall:.2f} s'}")))
        rows.append(("… those first invokes", f"{answered}; {spread}; cold starts {bu['cold_starts']}, pool bindings "
                     f"{bu['bindings']} ({bu['ready_before']} ready before), misses {bu['misses']}", "", ""))
        fl = bu.get("floor")
        if fl:
            rows.append((f"… floor: {fl.describe()}", f"{fl.wall_s:.2f} s to the last exit"
                         + (f"; Hearth took {wall / fl.wall_s:.1f}× as long" if wall and fl.wall_s > 0 else "")
                         + (f" ({fl.failed} failed)" if fl.failed else ""), "", ""))
    if not rows:
        return []
    head = ("measure (isolation " + (args.isolation or "auto") + ")", "value", "target (issue)", "verdict")
    return (["| " + " | ".join(head) + " |", "|---|--:|---|---|"]
            + ["| " + " | ".join(row) + " |" for row in rows])


def section(res, args):
    """The Markdown of the pool and isolation phases (empty when none ran)."""
    out = []
    cold = cold_table(res)
    iso = isolation_table(res, args)
    if not cold and not iso:
        return ""
    out += [f"Warming pool and isolation (nodes of their own; isolated nodes: `{res.isolation or 'n/a'}`). "
            f"Cold starts: each node's pool waits with generic runtimes; with the pool, every first invoke "
            f"waits until the pool is refilled, so that it binds one.", ""]
    if cold:
        out += cold + [""]
    if iso:
        out += iso + [""]
    loads = list(res.warm_rounds)
    if loads:
        out += ["CPU during the warm rounds (isolation on vs off), in cores:", ""] + cpu_table(loads) + [""]
    return "\n".join(out)


def insert(text, block):
    """The report text with block inserted before its notes (or appended)."""
    if not block:
        return text
    marker = "\nNotes:\n"
    at = text.find(marker)
    if at < 0:
        return text.rstrip("\n") + "\n\n" + block
    return text[:at + 1] + block + "\n" + text[at + 1:]


def render_pools_only(header, settings, res, args, notes, problems, extra="",
                      title="warming pool and isolation (--pools-only)"):
    """The report of a run of the pool phases only: header, their tables, then extra (another
    phase's Markdown, e.g. the periodic trace's), the notes."""
    out = [f"# Hearth benchmark: {title}", ""]
    out += [f"- **{k}**: {v}" for k, v in header.items() if not k.startswith("_")]
    out += [f"- **settings**: {settings}", ""]
    if problems:
        out += ["**FAILED:**", ""] + [f"- {p}" for p in problems] + [""]
    block = section(res, args)
    if block:
        out += [block]
    if extra:
        out += [extra]
    if notes:
        out += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)

