"""Hearth's Python runtime: runs an AWS Lambda Python handler against the Lambda Runtime API.

Started by Hearth as ``python3 -S -B -u -X utf8 bootstrap.pyc`` (this file compiled once at install;
the .py runs the same) inside a sandbox, working directory LAMBDA_TASK_ROOT. It imports the handler named by _HANDLER ("module.fn", "dir/sub/module.fn" or
"pkg.module.fn"), then loops: GET /runtime/invocation/next, call the handler, POST the result to
/runtime/invocation/{id}/response or the error to /runtime/invocation/{id}/error. A failed import
is posted to /runtime/init/error and the process exits with status 1. When the Runtime API cannot
be reached (or goes away) the process exits with status 1 at once.

Behaviour follows the official runtime interface client (awslambdaric): the same context object
(memory_limit_in_mb is a string there too), error bodies {errorMessage, errorType, requestId,
stackTrace}, error types Runtime.ImportModuleError, Runtime.HandlerNotFound,
Runtime.UserCodeSyntaxError, Runtime.MalformedHandlerName, Runtime.BuiltInModuleConflict,
Runtime.UnmarshalError, Runtime.MarshalError, Runtime.LambdaContextUnmarshalError, and the root
logger handler that prefixes records with level, time and request id. Differences: a handler
attribute that is not callable is reported as Runtime.HandlerNotFound at init.

Speed: standard library only, and only what the loop needs is imported at start (no json, http,
socket, traceback or logging modules). HTTP/1.1 is spoken over one keep-alive connection with the
_socket and _json accelerators directly (the client: _hearth_api.py); anything unexpected falls
back to the json module. Lambda's log format for the logging module: _hearth_logging.py. Both sit
beside this file and are imported before the task root joins sys.path, so no module of the
function's can take their place.
With -S the interpreter's site-packages are appended to sys.path without running .pth files.
When HEARTH_RUNTIME_SOCKET names a Unix-domain socket (an isolated sandbox, which has no network
path to the host), the same requests go over that socket instead; the path prefix and Host header
still come from AWS_LAMBDA_RUNTIME_API. There HEARTH_RUNTIME_RELAY names that variable's host:port
on the sandbox's own loopback, which this process then serves for handler code (_hearth_relay.py).

Late binding: with HEARTH_LATE_BINDING=1 (a warming-pool sandbox) the runtime starts without a
function and its first /next answer is a binding document (header Lambda-Runtime-Hearth-Binding)
carrying the function's environment and task root; once the handler is loaded that document is
answered with {} (or init/error), and the loop goes on as usual.

Handlers may ``import hearth`` (hearth.py beside this file: Hearth's key-value store client): this
directory follows the task root on sys.path, so a module of the function's own shadows it.
"""

import sys
import os
import time

import _hearth_logging
from _hearth_api import Api as _Api, exit_now as _exit

_SELF = sys._getframe().f_code.co_filename  # this source, also when run from its precompiled .pyc
_ENV = os.environ
_WS = ' \t\n\r'
_FUNCTION_VARIABLES = ('AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_LAMBDA_FUNCTION_NAME',
                      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION')
_FUNCTION = tuple(_ENV.get(name) for name in _FUNCTION_VARIABLES)


class _Fault(Exception):
    """A failure with a Lambda error type, raised by the runtime itself."""

    def __init__(self, error_type, message, trace=None):
        Exception.__init__(self, message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


# ---------------------------------------------------------------------------------------------
# JSON: the C accelerator directly (importing json costs ~7 ms as it needs re); json as fallback.

def _default(o):
    if type(o).__name__ == 'Decimal':
        import decimal
        if isinstance(o, decimal.Decimal):
            if o.is_nan():
                return float('nan')
            return int(o) if o == o.to_integral_value() else float(o)
    raise TypeError('Object of type %s is not JSON serializable' % o.__class__.__name__)


def _ensure_ascii():
    env = _ENV.get('AWS_EXECUTION_ENV', '')
    if env.startswith('AWS_Lambda_python3.'):
        try:
            return int(env[len('AWS_Lambda_python3.'):]) < 12
        except ValueError:
            pass
    return sys.version_info < (3, 12)


class _Json:
    """loads/dumps with the semantics of json.loads and json.dumps(default=_default)."""

    def __init__(self, ensure_ascii):
        self.ensure_ascii = ensure_ascii
        self.scan = None
        self.make = None
        try:
            import _json

            class Ctx:
                strict = True
                object_hook = None
                object_pairs_hook = None
                parse_float = float
                parse_int = int
                parse_constant = {'-Infinity': float('-inf'), 'Infinity': float('inf'),
                                  'NaN': float('nan')}.__getitem__
                memo = {}

            basestring = _json.encode_basestring_ascii if ensure_ascii else _json.encode_basestring

            def make():
                return _json.make_encoder({}, _default, basestring, None, ': ', ', ', False, False, True)

            probe = {'a': [1, 2.5, None, True, '\u00e9', {'b': -3}]}
            expected = '{"a": [1, 2.5, null, true, %s, {"b": -3}]}' % (
                '"\\u00e9"' if ensure_ascii else '"\u00e9"')
            if ''.join(make()(probe, 0)) == expected and _json.make_scanner(Ctx)('[1,"x"]', 0) == ([1, 'x'], 7):
                self.scan = _json.make_scanner(Ctx)
                self.make = make
                self.encode = make()
        except Exception:
            self.scan = None
            self.make = None

    def loads(self, data):
        scan = self.scan
        if scan is not None:
            try:
                s = data.decode('utf-8')
                t = s.lstrip(_WS)
                obj, end = scan(t, 0)
                if end == len(t) or not t[end:].strip(_WS):
                    return obj
            except Exception:
                pass
        import json
        return json.loads(data)

    def dumps(self, obj):
        if self.make is not None:
            try:
                return ''.join(self.encode(obj, 0))
            except Exception:
                self.encode = self.make()  # its circular-reference markers may be stale now
                raise
        import json
        return json.dumps(obj, default=_default, ensure_ascii=self.ensure_ascii)


# ---------------------------------------------------------------------------------------------
# The context object, as awslambdaric builds it.

class CognitoIdentity(object):
    __slots__ = ['cognito_identity_id', 'cognito_identity_pool_id']

    def __init__(self, identity=None):
        identity = identity or {}
        self.cognito_identity_id = identity.get('cognitoIdentityId')
        self.cognito_identity_pool_id = identity.get('cognitoIdentityPoolId')

    def __repr__(self):
        return 'CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])' % (
            self.cognito_identity_id, self.cognito_identity_pool_id)


class Client(object):
    __slots__ = ['installation_id', 'app_title', 'app_version_name', 'app_version_code', 'app_package_name']

    def __init__(self, values):
        for name in Client.__slots__:
            setattr(self, name, values.get(name))

    def __repr__(self):
        return 'Client([%s])' % ','.join('%s=%s' % (n, getattr(self, n)) for n in Client.__slots__)


class ClientContext(object):
    __slots__ = ['custom', 'env', 'client']

    def __init__(self, values):
        self.custom = values.get('custom')
        self.env = values.get('env')
        client = values.get('client')
        self.client = Client(client) if isinstance(client, dict) else client

    def __repr__(self):
        return 'ClientContext([custom=%s,env=%s,client=%s])' % (self.custom, self.env, self.client)


class LambdaContext(object):
    """The handler's second argument."""

    def __init__(self, request_id, arn, deadline_ms, client_context, identity):
        self.aws_request_id = request_id
        (self.log_group_name, self.log_stream_name, self.function_name, self.memory_limit_in_mb,
         self.function_version) = _FUNCTION
        self.invoked_function_arn = arn
        self.client_context = ClientContext(client_context) if isinstance(client_context, dict) else None
        self.identity = CognitoIdentity(identity if isinstance(identity, dict) else None)
        self._epoch_deadline_time_in_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        left = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return left if left > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return ('LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,'
                'memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,'
                'identity=%s])' % (self.aws_request_id, self.log_group_name, self.log_stream_name,
                                   self.function_name, self.memory_limit_in_mb, self.function_version,
                                   self.invoked_function_arn, self.client_context, self.identity))


# ---------------------------------------------------------------------------------------------
# Errors: the shape and stack trace format of awslambdaric, without importing traceback.

_sources = {}


def _source_line(filename, lineno):
    lines = _sources.get(filename)
    if lines is None:
        try:
            with open(filename, 'rb') as f:
                lines = f.read().decode('utf-8', 'replace').splitlines()
        except (OSError, ValueError):
            lines = []
        _sources[filename] = lines
    if lineno and 0 < lineno <= len(lines):
        return lines[lineno - 1].strip()
    return ''


def _stack_trace(tb):
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    start = 0
    while start < len(frames) and (frames[start][0] == _SELF or frames[start][0].startswith('<frozen importlib')):
        start += 1
    out = []
    for filename, lineno, name in frames[start:]:
        line = _source_line(filename, lineno)
        entry = '  File "%s", line %s, in %s\n' % (filename, lineno, name)
        out.append(entry + '    %s\n' % line if line else entry)
    return out


def _error_of(exc, request_id=''):
    """The Lambda error body of a runtime fault or a user exception."""
    if isinstance(exc, _Fault):
        return {'errorMessage': exc.message or '', 'errorType': exc.error_type, 'requestId': request_id,
                'stackTrace': exc.trace or []}
    try:
        message = str(exc)
    except Exception:
        message = '<unprintable %s object>' % type(exc).__name__
    return {'errorMessage': message, 'errorType': type(exc).__name__, 'requestId': request_id,
            'stackTrace': _stack_trace(exc.__traceback__)}


def _log_error(error):
    """Writes the error as awslambdaric does: one record, lines joined by carriage returns."""
    text = '[ERROR]'
    if error['errorType']:
        text += ' ' + error['errorType'] + (':' if error['errorMessage'] else '')
    if error['errorMessage']:
        text += ' ' + error['errorMessage']
    lines = [text, 'Traceback (most recent call last):']
    for entry in error['stackTrace']:
        lines.extend(entry.splitlines() or [''])
    try:
        sys.stderr.write('\r'.join(lines) + '\n')
    except Exception:
        pass


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _header_value(text):
    return text.replace('\r', ' ').replace('\n', ' ').encode('utf-8', 'replace')


def _post_error(api, path, error, codec):
    try:
        body = codec.dumps(error).encode('utf-8')
    except Exception:
        error = dict(error, errorMessage=repr(error['errorMessage']), stackTrace=[])
        body = codec.dumps(error).encode('utf-8', 'replace')
    api.post(path, body, b'Lambda-Runtime-Function-Error-Type: ' + _header_value(error['errorType']) + b'\r\n')


# ---------------------------------------------------------------------------------------------
# Start-up and the invoke loop.

def _set_up_paths(task_root):
    """Task root first, then this directory (for ``import hearth``), then the interpreter's own paths."""
    runtime_dir = os.path.dirname(os.path.abspath(__file__))
    if sys.path and sys.path[0] == runtime_dir:
        sys.path[0] = task_root
    else:
        sys.path.insert(0, task_root)
    sys.path.insert(1, runtime_dir)
    if sys.flags.no_site:
        import site
        for directory in site.getsitepackages():
            if directory not in sys.path and os.path.isdir(directory):
                sys.path.append(directory)
        site.setquit()
    _hearth_logging.install()


def _load_handler(spec):
    try:
        modname, fname = spec.rsplit('.', 1)
    except ValueError as e:
        raise _Fault('Runtime.MalformedHandlerName', "Bad handler '%s': %s" % (spec, e))
    try:
        if modname.split('.')[0] in sys.builtin_module_names:
            raise _Fault('Runtime.BuiltInModuleConflict',
                         'Cannot use built-in module %s as a handler module' % modname)
        name = modname.replace('/', '.')
        __import__(name)
        module = sys.modules[name]
    except ImportError as e:
        raise _Fault('Runtime.ImportModuleError', "Unable to import module '%s': %s" % (modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise _Fault('Runtime.UserCodeSyntaxError', "Syntax error in module '%s': %s" % (modname, e), trace)
    try:
        handler = getattr(module, fname)
    except AttributeError:
        raise _Fault('Runtime.HandlerNotFound', "Handler '%s' missing on module '%s'" % (fname, modname))
    if not callable(handler):
        raise _Fault('Runtime.HandlerNotFound', "Handler '%s' on module '%s' is not callable" % (fname, modname))
    return handler


def _parse_header_json(codec, text, name):
    try:
        return codec.loads(text.encode('utf-8'))
    except Exception as e:
        raise _Fault('Runtime.LambdaContextUnmarshalError', 'Unable to parse %s JSON: %s' % (name, e))


def _invoke(handler, codec, headers, body, request_id):
    """Runs one invocation; returns (response bytes, content type) or raises."""
    client_context = headers.get('lambda-runtime-client-context')
    identity = headers.get('lambda-runtime-cognito-identity')
    context = LambdaContext(
        request_id, headers.get('lambda-runtime-invoked-function-arn'),
        int(headers.get('lambda-runtime-deadline-ms') or 0),
        _parse_header_json(codec, client_context, 'Client Context') if client_context else None,
        _parse_header_json(codec, identity, 'Cognito Identity') if identity else None)
    try:
        event = codec.loads(body)
    except Exception as e:
        raise _Fault('Runtime.UnmarshalError', 'Unable to unmarshal input: %s' % e)
    result = handler(event, context)
    if isinstance(result, bytes):
        return result, b'application/unknown'
    try:
        return codec.dumps(result).encode('utf-8'), b'application/json'
    except Exception as e:
        raise _Fault('Runtime.MarshalError', 'Unable to marshal response: %s' % e)


def _await_binding(api):
    """Late binding: a generic sandbox waits for its function. The first answer to /next is the
    binding document (marked Lambda-Runtime-Hearth-Binding): the function's whole environment and
    task root. Applies them and returns the document's request id, answered once the handler loads."""
    global _FUNCTION
    status, headers, body = api.call(api.next_request)
    if status != 200 or headers.get('lambda-runtime-hearth-binding') != '1':
        _exit(1, 'Runtime API answered %d to the binding poll without a binding document; exiting' % status)
    document = _Json(False).loads(body)
    _ENV.pop('HEARTH_LATE_BINDING', None)
    _ENV.update(document['environment'])
    os.chdir(document['taskRoot'])
    _FUNCTION = tuple(_ENV.get(name) for name in _FUNCTION_VARIABLES)
    return headers.get('lambda-runtime-aws-request-id')


def _main():
    spec = _ENV.get('AWS_LAMBDA_RUNTIME_API', '')
    socket_path = _ENV.get('HEARTH_RUNTIME_SOCKET') or None
    try:
        api = _Api(spec, socket_path)
    except ValueError as e:
        _exit(1, str(e))
    relay = _ENV.get('HEARTH_RUNTIME_RELAY')
    if relay and socket_path:
        try:
            import _hearth_relay
            _hearth_relay.serve(relay, socket_path)
        except (ValueError, OSError) as e:
            sys.stderr.write('hearth: cannot serve the Runtime API port %s for handler code: %s\n' % (relay, e))
    if _ENV.get('HEARTH_LATE_BINDING') == '1':
        bind_id = _await_binding(api)
    else:
        bind_id = None
    task_root = _ENV.get('LAMBDA_TASK_ROOT') or os.getcwd()
    _set_up_paths(task_root)
    codec = _Json(_ensure_ascii())

    try:
        handler = _load_handler(_ENV.get('_HANDLER', ''))
    except Exception as e:
        error = _error_of(e)
        _log_error(error)
        _flush()
        _post_error(api, b'init/error', error, codec)
        _exit(1)
    if bind_id is not None:
        _flush()
        api.post(b'invocation/' + bind_id.encode('utf-8') + b'/response', b'{}')

    trace_id = _ENV.get('_X_AMZN_TRACE_ID')
    next_request = api.next_request
    while True:
        status, headers, body = api.call(next_request)
        if status != 200:
            _exit(1, 'Runtime API answered %d to GET invocation/next: %s; exiting'
                  % (status, body[:512].decode('utf-8', 'replace')))
        request_id = headers.get('lambda-runtime-aws-request-id')
        if not request_id:
            _exit(1, 'Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id; exiting')
        _hearth_logging.request_id = request_id
        trace = headers.get('lambda-runtime-trace-id')
        if trace != trace_id:
            if trace is None:
                _ENV.pop('_X_AMZN_TRACE_ID', None)
            else:
                _ENV['_X_AMZN_TRACE_ID'] = trace
            trace_id = trace
        try:
            response, content_type = _invoke(handler, codec, headers, body, request_id)
        except Exception as e:
            error = _error_of(e, request_id)
            _log_error(error)
            _flush()
            _post_error(api, b'invocation/' + request_id.encode('utf-8') + b'/error', error, codec)
            continue
        _flush()
        api.post(b'invocation/' + request_id.encode('utf-8') + b'/response', response, b'', content_type)


if __name__ == '__main__':
    try:
        _main()
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            _exit(e.code or 0)
        _exit(1, str(e.code))
    except BaseException:
        import traceback
        traceback.print_exc()
        _exit(1)
