"""The few Lambda API calls the benchmark makes (CreateFunction of python and node functions,
with tags, or of any runtime from a ready package, e.g. Java's zip of class files, with its
MemorySize; GetFunctionConfiguration, Invoke with the log tail) and Hearth's metrics (GET
/hearth/v1/metrics), on one kept-alive http.client connection."""
import base64
import http.client
import io
import json
import re
import time
import zipfile

from .servers import BenchError

INIT_DURATION = re.compile(r"Init Duration: ([0-9.]+) ms")
# The REPORT line's fields: "Duration: 1.23 ms", "Init Duration: 4.56 ms", "Billed Duration: 2 ms"…
REPORT_FIELD = re.compile(r"(?:^|\t|\s)((?:Init |Billed )?Duration): ([0-9.]+) ms")
METRIC_LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?)\s+(\S+)$")
NODE_RUNTIME = "nodejs20.x"


def zip_of(files):
    """A deployment package holding the given files (name → text or bytes), mode 644, fixed dates."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, text)
    return buf.getvalue()


def python_zip(source):
    """A deployment package with one file, app.py."""
    return zip_of({"app.py": source})


def report_fields(log):
    """The REPORT line's durations in ms, e.g. {"Duration": 1.2, "Billed Duration": 2.0,
    "Init Duration": 4.5} (Init Duration only on a cold start)."""
    report = next((line for line in log.splitlines() if line.startswith("REPORT")), "")
    return {m.group(1): float(m.group(2)) for m in REPORT_FIELD.finditer(report)}


def parse_metrics(text):
    """Prometheus text → {'name' or 'name{labels}': float}; comments and odd lines are skipped."""
    out = {}
    for line in text.splitlines():
        m = METRIC_LINE.match(line.strip())
        if m and not line.startswith("#"):
            try:
                out[m.group(1)] = float(m.group(2))
            except ValueError:
                pass
    return out


class LambdaClient:
    def __init__(self, port, timeout=60.0):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def close(self):
        self.conn.close()

    def _call(self, method, path, body=None, headers=None):
        self.conn.request(method, path, body=body, headers=headers or {})
        resp = self.conn.getresponse()
        return resp.status, resp, resp.read()

    def create_python_function(self, name, source, timeout_s=10, tags=None):
        """CreateFunction (python3.12, app.handler, with the given tags), then waits until its
        State is Active."""
        self.create_function(name, "python3.12", "app.handler", {"app.py": source}, timeout_s, tags)

    def create_node_function(self, name, source, timeout_s=10):
        """CreateFunction (nodejs20.x, index.handler, the source as index.js), then waits until
        its State is Active."""
        self.create_function(name, NODE_RUNTIME, "index.handler", {"index.js": source}, timeout_s)

    def create_function(self, name, runtime, handler, files, timeout_s=10, tags=None):
        """CreateFunction with a package of the given files (name → text), then waits until its
        State is Active."""
        self.create_package(name, runtime, handler, zip_of(files), timeout_s, tags=tags)

    def create_package(self, name, runtime, handler, package, timeout_s=10, memory_mb=None, tags=None):
        """CreateFunction with a deployment package given as bytes (a zip) and, when given, its
        MemorySize; then waits until its State is Active."""
        spec = {"FunctionName": name, "Runtime": runtime, "Handler": handler,
                "Role": "arn:aws:iam::000000000000:role/hearth-bench", "Timeout": timeout_s,
                "Code": {"ZipFile": base64.b64encode(package).decode("ascii")}}
        if memory_mb is not None:
            spec["MemorySize"] = int(memory_mb)
        if tags:
            spec["Tags"] = dict(tags)
        status, _, body = self._call("POST", "/2015-03-31/functions", json.dumps(spec).encode(),
                                     {"Content-Type": "application/json"})
        if status != 201:
            raise BenchError(f"CreateFunction {name}: HTTP {status}: {body[:300]!r}")
        state = json.loads(body).get("State")
        deadline = time.monotonic() + 30
        while state != "Active":
            if state == "Failed" or time.monotonic() > deadline:
                raise BenchError(f"function {name} is {state}, not Active")
            time.sleep(0.02)
            status, _, body = self._call("GET", f"/2015-03-31/functions/{name}/configuration")
            state = json.loads(body).get("State") if status == 200 else None

    def invoke_timed(self, name, payload=b"{}"):
        """Invoke with X-Amz-Log-Type: Tail. Returns (client ns, init ms or None, log text)."""
        elapsed, resp, _ = self._invoke(name, payload)
        log = base64.b64decode(resp.getheader("X-Amz-Log-Result") or "").decode("utf-8", "replace")
        m = INIT_DURATION.search(log)
        return elapsed, (float(m.group(1)) if m else None), log

    def invoke_report(self, name, payload=b"{}"):
        """Invoke with X-Amz-Log-Type: Tail. Returns (client ns, REPORT fields as report_fields gives them)."""
        elapsed, resp, _ = self._invoke(name, payload)
        log = base64.b64decode(resp.getheader("X-Amz-Log-Result") or "").decode("utf-8", "replace")
        return elapsed, report_fields(log)

    def invoke_outcome(self, name, payload=b"{}"):
        """One invoke that may fail: (status, X-Amz-Function-Error or "", body, send ns, answer ns)
        with perf_counter_ns() times; a socket error gives status 0 and the error as the body."""
        headers = {"Content-Type": "application/json"}
        t0 = time.perf_counter_ns()
        try:
            self.conn.request("POST", f"/2015-03-31/functions/{name}/invocations", body=payload, headers=headers)
            resp = self.conn.getresponse()
            body = resp.read()
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            return 0, "", f"{type(e).__name__}: {e}".encode(), t0, time.perf_counter_ns()
        return resp.status, resp.getheader("X-Amz-Function-Error") or "", body, t0, time.perf_counter_ns()

    def metrics(self):
        """GET /hearth/v1/metrics, parsed (see parse_metrics)."""
        status, _, body = self._call("GET", "/hearth/v1/metrics")
        if status != 200:
            raise BenchError(f"GET /hearth/v1/metrics: HTTP {status}: {body[:200]!r}")
        return parse_metrics(body.decode("utf-8", "replace"))

    def connect(self):
        """Opens the connection now (so that the TCP handshake is not part of a timed request)."""
        self.conn.connect()

    def invoke_replayed(self, name, payload=b"{}"):
        """Invoke; True when the answer is a replay of an earlier run (X-Hearth-Idempotent: replay)."""
        _, resp, _ = self._invoke(name, payload)
        return resp.getheader("X-Hearth-Idempotent") == "replay"

    def _invoke(self, name, payload):
        """A successful synchronous invoke with the log tail: (client ns, response, body); BenchError otherwise."""
        headers = {"Content-Type": "application/json", "X-Amz-Log-Type": "Tail"}
        path = f"/2015-03-31/functions/{name}/invocations"
        t0 = time.perf_counter_ns()
        self.conn.request("POST", path, body=payload, headers=headers)
        resp = self.conn.getresponse()
        body = resp.read()
        elapsed = time.perf_counter_ns() - t0
        if resp.status != 200 or resp.getheader("X-Amz-Function-Error"):
            raise BenchError(f"invoke {name}: HTTP {resp.status} "
                             f"{resp.getheader('X-Amz-Function-Error') or ''}: {body[:300]!r}")
        return elapsed, resp, body
