"""The Runtime API client of Hearth's Python runtime (bootstrap.py): one keep-alive connection over
TCP or, in an isolated sandbox, the Unix-domain socket HEARTH_RUNTIME_SOCKET names; minimal HTTP/1.1
with the _socket module only (no http, socket or json import at start). A Runtime API that cannot
be reached, or that closes the connection mid-response, ends the process (exit_now, status 1): a
runtime without its API has nothing left to do.
"""

import sys
import os
import time
import _hearth_socket


class ConnectionLost(Exception):
    """The connection closed before any byte of a response arrived; the request may be retried."""



def exit_now(code, message=None):
    """Flushes the standard streams and leaves at once, without waiting for user threads."""
    try:
        if message:
            sys.stderr.write(message + '\n')
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(code)



class Api:
    """Requests to the Runtime API at "host:port[/prefix]" over one persistent connection: TCP, or
    the Unix-domain socket ``unix`` when given."""

    def __init__(self, spec, unix=None):
        slash = spec.find('/')
        hostport = spec if slash < 0 else spec[:slash]
        prefix = '' if slash < 0 else spec[slash:].rstrip('/')
        host, _, port = hostport.rpartition(':')
        if not host or not port.isdigit():
            raise ValueError('AWS_LAMBDA_RUNTIME_API must be host:port[/prefix], got %r' % spec)
        self.display = spec if not unix else '%s (over %s)' % (spec, unix)
        self.unix = unix
        self.host = host[1:-1] if host.startswith('[') else host
        self.port = int(port)
        self.base = (prefix + '/2018-06-01/runtime/').encode('utf-8')
        self.host_header = hostport.encode('utf-8')
        self.next_request = b'GET ' + self.base + b'invocation/next HTTP/1.1\r\nHost: ' + self.host_header + b'\r\n\r\n'
        self.sock = None
        self.buf = b''

    def _connect(self):
        try:
            self.sock = _hearth_socket.connect(self.unix, self.host, self.port)
        except OSError as e:
            exit_now(1, 'Runtime API at %s is not reachable (%s); exiting' % (self.display, e))
        self.buf = b''

    def _close(self):
        _hearth_socket.close(self.sock)
        self.sock = None
        self.buf = b''

    def call(self, head, body=b''):
        """Sends one request, returns (status, headers with lower-case names, body bytes).

        A connection closed before the answer began is reopened and the request sent again: a
        stale keep-alive connection, or a long poll cut by an idle timeout. A second quick failure
        (within a second) means the server is going away; so does a refused connection.
        """
        quick_failures = 0
        while True:
            if self.sock is None:
                self._connect()
            started = time.monotonic()
            try:
                if len(body) <= 65536:
                    self.sock.sendall(head + body if body else head)
                else:
                    self.sock.sendall(head)
                    self.sock.sendall(body)
                return self._read()
            except (ConnectionLost, OSError):
                self._close()
                if time.monotonic() - started < 1.0:
                    quick_failures += 1
                    if quick_failures > 1:
                        exit_now(1, 'Runtime API at %s closed the connection; exiting' % self.display)

    def post(self, path, body, extra=b'', content_type=b'application/json'):
        head = (b'POST ' + self.base + path + b' HTTP/1.1\r\nHost: ' + self.host_header
                + b'\r\nContent-Type: ' + content_type + b'\r\nContent-Length: '
                + str(len(body)).encode('ascii') + b'\r\n' + extra + b'\r\n')
        status, _, answer = self.call(head, body)
        if status >= 300:
            try:
                sys.stderr.write('[WARN] Runtime API answered %d to POST %s: %s\n'
                                 % (status, path.decode('utf-8', 'replace'), answer[:512].decode('utf-8', 'replace')))
            except Exception:
                pass
        return status

    def _recv(self):
        try:
            return self.sock.recv(65536)
        except OSError:
            return b''

    def _read(self):
        buf = self.buf
        while True:
            i = buf.find(b'\r\n\r\n')
            if i >= 0:
                break
            chunk = self._recv()
            if not chunk:
                if buf:
                    exit_now(1, 'Runtime API at %s closed the connection mid-response; exiting' % self.display)
                raise ConnectionLost()
            buf = buf + chunk if buf else chunk
        raw = buf[:i]
        try:
            head = raw.decode('utf-8')
        except UnicodeDecodeError:
            head = raw.decode('latin-1')
        lines = head.split('\r\n')
        first = lines[0].split(' ', 2)
        status = int(first[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(':')
            headers[name.strip().lower()] = value.strip()
        rest = buf[i + 4:]
        close = 'close' in headers.get('connection', '').lower() or (
            first[0] == 'HTTP/1.0' and 'keep-alive' not in headers.get('connection', '').lower())
        if 'chunked' in headers.get('transfer-encoding', '').lower():
            body, rest = self._chunked(rest)
        elif 'content-length' in headers:
            n = int(headers['content-length'])
            if len(rest) == n:
                body, rest = rest, b''
            elif len(rest) > n:
                body, rest = rest[:n], rest[n:]
            else:
                body, rest = self._exactly(rest, n), b''
        elif status < 200 or status in (204, 304):
            body = b''
        else:
            parts = [rest]
            while True:
                chunk = self._recv()
                if not chunk:
                    break
                parts.append(chunk)
            body, rest, close = b''.join(parts), b'', True
        self.buf = rest
        if close:
            self._close()
        return status, headers, body

    def _exactly(self, have, n):
        out = bytearray(n)
        out[:len(have)] = have
        view = memoryview(out)
        pos = len(have)
        while pos < n:
            try:
                k = self.sock.recv_into(view[pos:])
            except OSError:
                k = 0
            if not k:
                exit_now(1, 'Runtime API at %s closed the connection mid-response; exiting' % self.display)
            pos += k
        return out

    def _more(self, buf):
        chunk = self._recv()
        if not chunk:
            exit_now(1, 'Runtime API at %s closed the connection mid-response; exiting' % self.display)
        return buf + chunk

    def _chunked(self, buf):
        parts = []
        while True:
            while b'\r\n' not in buf:
                buf = self._more(buf)
            line, _, buf = buf.partition(b'\r\n')
            size = int(line.split(b';', 1)[0].strip(), 16)
            if size == 0:
                while not (buf.startswith(b'\r\n') or b'\r\n\r\n' in buf):
                    buf = self._more(buf)
                if buf.startswith(b'\r\n'):
                    return b''.join(parts), buf[2:]
                return b''.join(parts), buf[buf.find(b'\r\n\r\n') + 4:]
            while len(buf) < size + 2:
                buf = self._more(buf)
            parts.append(buf[:size])
            buf = buf[size + 2:]
