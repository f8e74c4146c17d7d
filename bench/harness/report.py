"""Renders the results of one benchmark run as Markdown: a header (machine, date, commit, JDK,
settings), the main table with ratios and the issue's targets, the idempotent-execution table,
the CPU split of every load, and notes (sandboxes, errors, disturbances)."""
from .cells import MAX_ERROR_RATE, errors_cell, errors_verdict, ms, rate, ratio, us, verdict
from .coldstart import percentile
from .idempotent_report import idempotent_table

TARGET_ADDED_P50_US = 300
TARGET_THROUGHPUT = 8000
TARGET_COLD_P50_MS = 80


def main_table(r):
    fl, fc32, fc64 = r.get("floor_c1"), r.get("floor_c32"), r.get("floor_c64")
    hl, hc32, hc64 = r.get("hearth_c1"), r.get("hearth_c32"), r.get("hearth_c64")
    cold = r.get("cold")
    p = lambda res, q: res.percentile(q) if res else None
    f50, f99, h50, h99 = p(fl, 50), p(fl, 99), p(hl, 50), p(hl, 99)
    added50 = h50 - f50 if h50 is not None and f50 is not None else None
    added99 = h99 - f99 if h99 is not None and f99 is not None else None
    one = p(r.get("floor_c1_one_cpu"), 50)
    added_text = "n/a" if added50 is None else f"+{added50:,.0f} µs"
    if added50 is not None and one is not None and one != f50:
        added_text += f"; +{h50 - one:,.0f} µs against the floor on one CPU"
    tput = lambda res: res.rps if res else None
    best = max((x for x in (hc32, hc64) if x), key=lambda x: x.rps, default=None)
    rows = [
        ("latency p50, 1 connection (wrk -t1 -c1)", us(f50), us(h50), ratio(h50, f50), "", ""),
        ("latency p99, 1 connection", us(f99), us(h99), ratio(h99, f99), "", ""),
        ("added latency p50 (hearth − floor)", "", "n/a" if added50 is None else f"+{added50:,.0f} µs", "",
         f"≤ {TARGET_ADDED_P50_US} µs",
         "n/a" if added50 is None else verdict(added50 <= TARGET_ADDED_P50_US, added_text)),
        ("added latency p99 (hearth − floor)", "", "n/a" if added99 is None else f"+{added99:,.0f} µs", "", "", ""),
        ("throughput, 32 connections (wrk -t2 -c32)", rate(tput(fc32), "req/s"), rate(tput(hc32), "inv/s"),
         ratio(tput(hc32), tput(fc32)), "", ""),
        ("throughput, 64 connections (wrk -t2 -c64)", rate(tput(fc64), "req/s"), rate(tput(hc64), "inv/s"),
         ratio(tput(hc64), tput(fc64)), "", ""),
        ("throughput, best of 32/64", "", rate(tput(best), "inv/s"), "", f"≥ {TARGET_THROUGHPUT:,} inv/s",
         "n/a" if best is None else verdict(best.rps >= TARGET_THROUGHPUT,
                                            f"{best.rps:,.0f} inv/s at {best.label.split()[-1]}")),
        ("non-200 + socket errors (measured loads)", errors_cell([x for x in (fl, fc32, fc64) if x]),
         errors_cell([x for x in (hl, hc32, hc64) if x]), "", f"≤ {MAX_ERROR_RATE * 100:.1f}%",
         errors_verdict([x for x in (fl, fc32, fc64, hl, hc32, hc64) if x])),
    ]
    if cold:
        c50 = percentile(cold.client_ms, 50)
        rows += [
            (f"cold start p50, client, first invoke ({len(cold.client_ms)} new functions)", "", ms(c50), "",
             f"≤ {TARGET_COLD_P50_MS} ms", verdict(c50 <= TARGET_COLD_P50_MS, ms(c50))),
            ("cold start p90 / max, client", "",
             f"{ms(percentile(cold.client_ms, 90))} / {ms(max(cold.client_ms))}", "", "", ""),
            ("Init Duration p50 / p90 / max (server REPORT line)", "",
             " / ".join(ms(percentile(cold.init_ms, q)) for q in (50, 90, 100)), "", "", ""),
            ("CreateFunction p50 (client, before the invoke)", "", ms(percentile(cold.create_ms, 50)), "", "", ""),
        ]
    else:
        rows.append(("cold start p50, client, first invoke", "", "n/a", "", f"≤ {TARGET_COLD_P50_MS} ms", "n/a"))
    head = ("measure", "floor (python echo)", "hearth warm invoke (python no-op)", "hearth / floor", "target (issue)",
            "verdict")
    lines = ["| " + " | ".join(head) + " |", "|---|--:|--:|--:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def wakeup_note(r):
    one, two = r.get("floor_c1_one_cpu"), r.get("floor_c1_two_cpus")
    if not one or not two:
        return None
    return (f"wake-up cost: the floor at 1 connection, pinned, has p50 {us(one.percentile(50))} (p99 "
            f"{us(one.percentile(99))}) with client and server on one CPU and p50 {us(two.percentile(50))} (p99 "
            f"{us(two.percentile(99))}) on two CPUs ({one.duration_s:.0f} s each). The unpinned 1-connection "
            f"loads above land in either case or in between, depending on where the scheduler puts the "
            f"processes (on an otherwise idle machine they tend to be spread over both CPUs)")


def cpu_table(loads):
    lines = ["| load | wall | rate | server process | of which JIT / GC | of which store writers: logs / "
             "decisions / records | server process per request: all / without JIT, GC, writers | server's children | wrk | other processes | idle |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for res in loads:
        c = res.cpu
        path = c.server - c.jit - c.gc - c.logs - c.decisions - c.records
        per_request = (f"{c.server / res.requests * 1e6:,.0f} / {path / res.requests * 1e6:,.0f} µs"
                       if res.requests else "n/a")
        cells = [f"{res.rps:,.0f}/s", f"{c.cores(c.server):.2f}", f"{c.cores(c.jit):.2f} / {c.cores(c.gc):.2f}",
                 " / ".join(f"{c.cores(x):.2f}" for x in (c.logs, c.decisions, c.records)),
                 per_request]
        cells += [f"{c.cores(x):.2f}" for x in (c.children, c.wrk, c.other, c.idle)]
        lines.append(f"| {res.label} | {c.wall:.1f} s | " + " | ".join(cells) + " |")
    return lines


def render(header, settings, r, notes, problems):
    out = ["# Hearth benchmark", ""]
    out += [f"- **{k}**: {v}" for k, v in header.items() if not k.startswith("_")]
    out += [f"- **settings**: {settings}", ""]
    if problems:
        out += ["**FAILED:**", ""] + [f"- {p}" for p in problems] + [""]
    out += main_table(r) + [""]
    idem = idempotent_table(r)
    if idem:
        out += ["Idempotent execution (docs/idempotency.md): hits answer the same `{}` from the record; "
                "misses send a new body on every request, to the idempotent and to the plain function.", ""]
        out += idem + [""]
    loads = [r[k] for k in ("floor_c1", "floor_c32", "floor_c64", "hearth_warmup", "hearth_warmup_c1", "hearth_c1",
                            "hearth_c32", "hearth_c64", "idem_hit_warmup", "idem_hit_warmup_c1", "idem_hit_c1",
                            "idem_hit_c32", "idem_hit_c64", "idem_miss_warmup", "idem_miss_c1", "plain_vary_c1")
             if r.get(k)]
    if loads:
        out += ["CPU used during each load, in cores (2 = the whole machine). Server process: the floor's "
                "first worker or Hearth's JVM (store writers: its threads that write log entries, idempotency "
                "decisions and idempotency records to the database; per request: its CPU time over the requests "
                "completed, with everything, then without the JIT, GC and writer threads: the work of the "
                "request path itself); its children: the floor's other worker or Hearth's sandboxes; "
                "other processes: everything else on the machine.", ""]
        out += cpu_table(loads) + [""]
    wake = wakeup_note(r)
    notes = ([wake] if wake else []) + list(notes)
    if notes:
        out += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)
