"""Table cells of the benchmark report: µs, ms, rates, ratios, verdicts and error counts."""

MAX_ERROR_RATE = 0.001


def us(v):
    return "n/a" if v is None else f"{v:,.0f} µs"


def ms(v):
    return "n/a" if v is None else f"{v:,.1f} ms"


def rate(v, unit):
    return "n/a" if v is None else f"{v:,.0f} {unit}"


def ratio(a, b):
    return "n/a" if a is None or b in (None, 0) else f"{a / b:,.2f}×"


def verdict(ok, text):
    return f"met ({text})" if ok else f"**missed** ({text})"


def errors_cell(results):
    if not results:
        return "n/a"
    errors = sum(r.errors for r in results)
    requests = sum(r.requests for r in results)
    share = errors / requests * 100 if requests else 0.0
    return f"{errors:,} of {requests:,} ({share:.3f}%)"


def errors_verdict(results):
    if not results:
        return "n/a"
    worst = max(results, key=lambda x: x.error_rate)
    ok = worst.error_rate <= MAX_ERROR_RATE
    return verdict(ok, f"worst {worst.error_rate * 100:.3f}% in {worst.label}")
