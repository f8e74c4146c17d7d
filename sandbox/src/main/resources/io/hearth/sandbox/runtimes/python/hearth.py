"""Hearth's API for Python functions: ``import hearth`` in a handler.

``hearth.kv`` is Hearth's key-value store. Every call goes to the Runtime API of the sandbox
(AWS_LAMBDA_RUNTIME_API, routes /hearth/v1/kv...), which attributes it to the function and to the
invocation being handled; in an isolated sandbox, over the Unix socket HEARTH_RUNTIME_SOCKET names. Values are JSON: put() encodes them, get() and list() decode them.
``namespace=None`` is the function's own namespace; a name selects a shared one.

    import hearth

    def handler(event, context):
        seen = hearth.kv.get('visits', default=0)
        hearth.kv.put('visits', seen + 1)
        return seen

Failures raise ``hearth.KvError`` with the server's message (its ``error_type`` and HTTP
``status`` as attributes); a missing key is not a failure for get(). Standard library only; the
json module is imported on first use. All calls share one keep-alive connection (not the
runtime's own), one call at a time under a lock, so threads of a handler may use it.
"""

import os
import threading
import _hearth_socket

__all__ = ['kv', 'KvError', 'MAX_VALUE_BYTES']

MAX_VALUE_BYTES = 400 * 1024
"""Largest encoded value the store accepts."""

_UNRESERVED = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~')
_PAGE = 1000


class KvError(Exception):
    """A key-value call failed: ``error_type`` and ``status`` as the server answered them."""

    def __init__(self, message, error_type='KvError', status=0):
        Exception.__init__(self, message)
        self.message = message
        self.error_type = error_type
        self.status = status


class _Stale(Exception):
    """A reused connection closed before any byte of the answer: the request may be sent again."""


class _Broken(Exception):
    """The connection failed after the answer began: the request may have been applied."""


def _quote(text, what):
    if not isinstance(text, str):
        raise KvError('%s must be a str, got %s' % (what, type(text).__name__), 'InvalidParameterValueException')
    if '\x00' in text:
        raise KvError('%s must not contain NUL characters' % what, 'InvalidParameterValueException')
    return ''.join(chr(b) if b in _UNRESERVED else '%%%02X' % b for b in text.encode('utf-8'))


def _json():
    import json
    return json


class _Connection(object):
    """HTTP/1.1 requests over one persistent connection to "host:port[/prefix]": TCP, or the
    Unix-domain socket ``unix`` when given (an isolated sandbox's HEARTH_RUNTIME_SOCKET)."""

    def __init__(self, spec, unix=None):
        slash = spec.find('/')
        hostport = spec if slash < 0 else spec[:slash]
        host, _, port = hostport.rpartition(':')
        if not host or not port.isdigit():
            raise KvError('AWS_LAMBDA_RUNTIME_API must be host:port[/prefix], got %r' % spec, 'KvNotConfigured')
        self.display = spec if not unix else '%s (over %s)' % (spec, unix)
        self.unix = unix
        self.host = host[1:-1] if host.startswith('[') else host
        self.port = int(port)
        self.base = ('' if slash < 0 else spec[slash:].rstrip('/')) + '/hearth/v1/kv'
        self.host_header = hostport
        self.lock = threading.Lock()
        self.sock = None
        self.buf = b''

    def request(self, method, target, body=None):
        """Sends one request; returns (status, headers with lower-case names, body bytes)."""
        head = '%s %s%s HTTP/1.1\r\nHost: %s\r\n' % (method, self.base, target, self.host_header)
        if body is not None:
            head += 'Content-Type: application/json\r\nContent-Length: %d\r\n' % len(body)
        data = (head + '\r\n').encode('utf-8') + (body or b'')
        with self.lock:
            while True:
                fresh = self.sock is None
                if fresh:
                    self._connect()
                try:
                    self.sock.sendall(data)
                    return self._read()
                except (_Stale, OSError) as e:
                    self._close()
                    if fresh:  # a reused connection may have gone stale: one more try on a new one
                        raise KvError('Hearth key-value store at %s closed the connection (%s)'
                                      % (self.display, str(e) or 'no answer'), 'ServiceException')
                except _Broken:
                    self._close()
                    raise KvError('Hearth key-value store at %s closed the connection mid-answer' % self.display,
                                  'ServiceException')
                except BaseException:
                    self._close()
                    raise

    def _connect(self):
        try:
            self.sock = _hearth_socket.connect(self.unix, self.host, self.port)
        except OSError as e:
            raise KvError('Hearth key-value store at %s is not reachable: %s' % (self.display, e),
                          'ServiceException')
        self.buf = b''

    def _close(self):
        _hearth_socket.close(self.sock)
        self.sock = None
        self.buf = b''

    def _more(self, got_bytes):
        try:
            chunk = self.sock.recv(65536)
        except OSError:
            chunk = b''
        if not chunk:
            raise _Broken() if got_bytes else _Stale()
        return chunk

    def _read(self):
        buf = self.buf
        while b'\r\n\r\n' not in buf:
            buf += self._more(bool(buf))
        i = buf.find(b'\r\n\r\n')
        lines = buf[:i].decode('latin-1').split('\r\n')
        status = int(lines[0].split(' ', 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(':')
            headers[name.strip().lower()] = value.strip()
        rest = buf[i + 4:]
        if 'chunked' in headers.get('transfer-encoding', '').lower():
            body, rest = self._chunked(rest)
        elif 'content-length' in headers:
            n = int(headers['content-length'])
            while len(rest) < n:
                rest += self._more(True)
            body, rest = rest[:n], rest[n:]
        else:
            parts = [rest]
            while True:
                try:
                    chunk = self.sock.recv(65536)
                except OSError:
                    raise _Broken()
                if not chunk:
                    break
                parts.append(chunk)
            body, rest = b''.join(parts), b''
            headers['connection'] = 'close'
        self.buf = rest
        if 'close' in headers.get('connection', '').lower():
            self._close()
        return status, headers, body

    def _chunked(self, buf):
        parts = []
        while True:
            while b'\r\n' not in buf:
                buf += self._more(True)
            line, _, buf = buf.partition(b'\r\n')
            size = int(line.split(b';', 1)[0].strip(), 16)
            if size == 0:  # then optional trailers, then an empty line
                while not (buf.startswith(b'\r\n') or b'\r\n\r\n' in buf):
                    buf += self._more(True)
                end = 2 if buf.startswith(b'\r\n') else buf.find(b'\r\n\r\n') + 4
                return b''.join(parts), buf[end:]
            while len(buf) < size + 2:
                buf += self._more(True)
            parts.append(buf[:size])
            buf = buf[size + 2:]


def _failure(status, headers, body):
    try:
        error = _json().loads(body.decode('utf-8'))
        return KvError(error.get('errorMessage') or 'HTTP %d' % status, error.get('errorType') or 'KvError', status)
    except Exception:
        return KvError('Hearth key-value store answered HTTP %d: %s'
                       % (status, body[:300].decode('utf-8', 'replace')), 'ServiceException', status)


def _decode(data, key):
    try:
        return _json().loads(data)
    except ValueError as e:
        raise KvError('the value of %r is not JSON: %s' % (key, e), 'KvValueNotJson')


class Kv(object):
    """The key-value store, as seen by the running function."""

    def __init__(self, spec=None):
        self._spec = spec
        self._conn = None
        self._init = threading.Lock()

    def _connection(self):
        conn = self._conn
        if conn is None:
            with self._init:
                if self._conn is None:
                    if self._spec:
                        self._conn = _Connection(self._spec)
                    else:
                        self._conn = _Connection(os.environ.get('AWS_LAMBDA_RUNTIME_API', ''),
                                                 os.environ.get('HEARTH_RUNTIME_SOCKET') or None)
                conn = self._conn
        return conn

    def _call(self, method, target, body=None):
        return self._connection().request(method, target, body)

    @staticmethod
    def _target(key, namespace, query=''):
        target = '/' + _quote(key, 'key') if key is not None else ''
        params = [query] if query else []
        if namespace is not None:
            params.append('namespace=' + _quote(namespace, 'namespace'))
        return target + ('?' + '&'.join(params) if params else '')

    def _read(self, key, namespace):
        status, headers, body = self._call('GET', self._target(key, namespace))
        if status == 200 or status == 404:
            if status == 200 or _failure(status, headers, body).error_type == 'KeyNotFound':
                return status, int(headers.get('hearth-kv-version', '0')), body
        raise _failure(status, headers, body)

    def get(self, key, default=None, namespace=None):
        """The JSON-decoded value of ``key``, or ``default`` when it is absent or deleted."""
        status, _, body = self._read(key, namespace)
        return _decode(body, key) if status == 200 else default

    def version(self, key, namespace=None):
        """The version of ``key``: 0 when never written; it counts every put and delete."""
        return self._read(key, namespace)[1]

    def put(self, key, value, namespace=None):
        """Stores ``value`` (JSON-encoded) under ``key``; returns the key's new version."""
        try:
            body = _json().dumps(value, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
        except (TypeError, ValueError) as e:
            raise KvError('the value of %r is not JSON serializable: %s' % (key, e), 'InvalidParameterValueException')
        if len(body) > MAX_VALUE_BYTES:
            raise KvError('the value of %r is %d bytes encoded; the limit is %d' % (key, len(body), MAX_VALUE_BYTES),
                          'RequestEntityTooLarge', 413)
        return self._written(self._call('PUT', self._target(key, namespace), body))

    def delete(self, key, namespace=None):
        """Deletes ``key``; returns its new version (a deleted key keeps counting)."""
        return self._written(self._call('DELETE', self._target(key, namespace)))

    @staticmethod
    def _written(answer):
        status, headers, body = answer
        if status != 200:
            raise _failure(status, headers, body)
        return int(_json().loads(body.decode('utf-8'))['version'])

    def list(self, prefix='', namespace=None, limit=100):
        """Up to ``limit`` (key, value) pairs whose keys start with ``prefix``, in key order."""
        if not isinstance(limit, int) or limit < 0:
            raise KvError('limit must be a non-negative int, got %r' % (limit,), 'InvalidParameterValueException')
        out = []
        after = None
        while len(out) < limit:
            query = 'prefix=%s&limit=%d' % (_quote(prefix, 'prefix'), min(limit - len(out), _PAGE))
            if after is not None:
                query += '&after=' + _quote(after, 'after')
            status, headers, body = self._call('GET', self._target(None, namespace, query))
            if status != 200:
                raise _failure(status, headers, body)
            page = _json().loads(body.decode('utf-8'))
            for item in page['items']:
                out.append((item['key'], _decode(item['value'], item['key'])))
            after = page.get('next')
            if after is None:
                break
        return out[:limit]


kv = Kv()
