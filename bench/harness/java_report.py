"""The Java table of the benchmark report (harness/java.py's results), java next to python with
the targets: cold start from a fresh process (p50 ≤ 150 ms) and from the warming pool (p50
≤ 60 ms), warm invoke within 20% of python's; and the report of a run with --java-only."""
from .cells import ms, ratio, us, verdict
from .coldstart import percentile
from .report import cpu_table

TARGET_COLD_MS = 150
TARGET_POOL_MS = 60
TARGET_WARM_RATIO = 1.20


def _p(values, q):
    return percentile(values, q) if values else None


def _cold_rows(res, pooled, target):
    java, python = res.cold.get(("java", pooled)), res.cold.get(("python", pooled))
    if not java and not python:
        return []
    where = "from the warming pool" if pooled else "from a fresh process (--warm-pool-max 0)"
    n = len((java or python).client_ms)
    p50 = lambda run: _p(run.client_ms, 50) if run else None
    jv, pv = p50(java), p50(python)
    rows = [(f"cold start {where}: p50, client ({n} new functions each)", ms(jv), ms(pv), ratio(jv, pv),
             f"java ≤ {target} ms", "n/a" if jv is None else verdict(jv <= target, ms(jv)))]
    cell = lambda run, attr, q: ms(_p(getattr(run, attr), q)) if run else "n/a"
    rows.append(("… p90 / max, client", *(f"{cell(r, 'client_ms', 90)} / {cell(r, 'client_ms', 100)}"
                                         for r in (java, python)), "", "", ""))
    for label, attr in (("Init Duration p50 / p90 (REPORT line)", "init_ms"),):
        rows.append((f"… {label}", *(f"{cell(r, attr, 50)} / {cell(r, attr, 90)}" for r in (java, python)),
                     ratio(_p(java.init_ms, 50) if java else None, _p(python.init_ms, 50) if python else None), "", ""))
    for label, attr in (("Duration p50 (REPORT line: the handler's first invoke)", "duration_ms"),
                        ("the rest p50: client − Init Duration − Duration", "rest_ms"),
                        ("CreateFunction p50 (before, not part of it)", "create_ms")):
        rows.append((f"… {label}", cell(java, attr, 50), cell(python, attr, 50), "", "", ""))
    if pooled:
        bound = lambda run: f"{run.bindings} of {run.invokes} (misses {run.misses})" if run else "n/a"
        ok = java is not None and java.bindings == java.invokes and not java.misses
        rows.append(("… first invokes that bound a pool sandbox (bindings_total; primers included)", bound(java),
                     bound(python), "", "all (java)", "n/a" if java is None else ("yes" if ok else
                                                                                "**no** (see the notes)")))
    cpu = [res.cpu.get((f, pooled)) for f in ("java", "python")]
    if any(cpu):
        fmt = lambda c: (f"server {c.server / c.wall:.2f}, sandboxes {c.sandboxes / c.wall:.2f}, other "
                         f"{c.other / c.wall:.2f}, idle {c.idle / c.wall:.2f} (over {c.wall:.1f} s)") if c else "n/a"
        rows.append(("… CPU in cores during the measured invokes (other: the rest of the machine, this client "
                     "included)", fmt(cpu[0]), fmt(cpu[1]), "", "", ""))
    return rows


def _warm_rows(res):
    java, python = res.warm.get("java"), res.warm.get("python")
    if not java or not python:
        return []
    j50, p50 = java.percentile(50), python.percentile(50)
    j99, p99 = java.percentile(99), python.percentile(99)
    rows = [(f"warm invoke p50, 1 connection ({java.requests:,} / {python.requests:,} requests)", us(j50), us(p50),
             ratio(j50, p50), f"java / python ≤ {TARGET_WARM_RATIO:.2f}×",
             verdict(j50 / p50 <= TARGET_WARM_RATIO, f"{j50 / p50:.2f}×") if j50 and p50 else "n/a"),
            ("warm invoke p90 / p99, 1 connection", f"{us(java.percentile(90))} / {us(j99)}",
             f"{us(python.percentile(90))} / {us(p99)}", ratio(j99, p99), "", "")]
    return rows


def table(res):
    rows = (_cold_rows(res, False, TARGET_COLD_MS) + _cold_rows(res, True, TARGET_POOL_MS) + _warm_rows(res))
    if not rows:
        return []
    head = ("measure", "java (java21, 512 MB)", "python (python3.12, 512 MB)", "java / python", "target (issue)",
            "verdict")
    return (["| " + " | ".join(head) + " |", "|---|--:|--:|--:|---|---|"]
            + ["| " + " | ".join(row) + " |" for row in rows])


def section(res):
    """The Markdown of the Java phase (empty when it did not run)."""
    lines = table(res)
    if not lines:
        return ""
    out = [f"Java functions (nodes `java-cold` and `java-pool`; isolation `{res.isolation or 'n/a'}`; functions "
           f"compiled with {res.compiler or 'n/a'}; Java sandboxes on {res.sandbox_jdk or 'n/a'}). Medians over "
           f"the new functions; warm: 1-connection rounds java python python java on one node, pooled per side.",
           ""] + lines + [""]
    if res.warm_rounds:
        out += ["CPU during the warm rounds (java vs python), in cores:", ""] + cpu_table(res.warm_rounds) + [""]
    return "\n".join(out)


def render_java_only(header, settings, res, notes, problems):
    """The report of a run of the Java phase only: header, its table, notes."""
    out = ["# Hearth benchmark: Java functions (--java-only)", ""]
    out += [f"- **{k}**: {v}" for k, v in header.items() if not k.startswith("_")]
    out += [f"- **settings**: {settings}", ""]
    if problems:
        out += ["**FAILED:**", ""] + [f"- {p}" for p in problems] + [""]
    block = section(res)
    if block:
        out += [block]
    if notes:
        out += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)
