"""A Lambda-style Python handler: greets, counts its calls in Hearth's key-value store."""
import hearth


def handler(event, context):
    name = event.get("name", "world")
    calls = hearth.kv.get("calls", default=0) + 1
    hearth.kv.put("calls", calls)
    print(f"greeting {name} (call {calls}, request {context.aws_request_id})")
    return {"greeting": f"Hello, {name}!", "calls": calls}
