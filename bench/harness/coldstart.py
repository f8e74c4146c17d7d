"""Cold start: creates distinct new python functions (each with its own code, so nothing is
shared through the code cache) and times the FIRST invoke of each, one after another, from the
client; the server's own "Init Duration" comes from the REPORT line of the log tail."""
import math
import time
from dataclasses import dataclass, field

from .lambda_api import LambdaClient
from .servers import BenchError

SOURCE = '''# hearth bench cold-start function {name}
def handler(event, context):
    return {{"fn": "{name}"}}
'''


@dataclass
class ColdResult:
    client_ms: list = field(default_factory=list)
    init_ms: list = field(default_factory=list)
    create_ms: list = field(default_factory=list)
    missing_init: list = field(default_factory=list)
    primers: int = 0


def run(port, count, primers, run_id):
    """Creates primers + count functions, then invokes each once. The primers' numbers are not
    kept: they run the server's create and first-invoke paths once before the measured ones."""
    client = LambdaClient(port)
    result = ColdResult(primers=primers)
    try:
        names = [f"bench-cold-{run_id}-{i:03d}" for i in range(primers + count)]
        for name in names:
            t0 = time.perf_counter_ns()
            client.create_python_function(name, SOURCE.format(name=name))
            if name not in names[:primers]:
                result.create_ms.append((time.perf_counter_ns() - t0) / 1e6)
        for i, name in enumerate(names):
            elapsed, init, log = client.invoke_timed(name)
            if i < primers:
                continue
            result.client_ms.append(elapsed / 1e6)
            if init is None:
                result.missing_init.append(name)
            else:
                result.init_ms.append(init)
            time.sleep(0.05)  # let the new sandbox settle; the next invoke is the next cold start
    finally:
        client.close()
    if not result.client_ms:
        raise BenchError("cold start: nothing measured")
    return result


def percentile(values, p):
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * p / 100))
    return ordered[rank - 1]
