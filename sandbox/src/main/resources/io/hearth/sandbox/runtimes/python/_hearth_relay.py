"""The Runtime API's TCP port inside an isolated sandbox, served by the runtime process itself.

An isolated sandbox has no network path to the host: the bootstrap reaches the Runtime API over
the Unix socket HEARTH_RUNTIME_SOCKET. Handler code that follows Lambda's contract uses
AWS_LAMBDA_RUNTIME_API (host:port on the sandbox's own loopback) instead, so the bootstrap listens
on the address HEARTH_RUNTIME_RELAY names (that same host:port) and pipes every connection to the
socket. It listens before the handler is imported, so the port is there from the handler's first
line on. Threads: one accepting, two per open connection; all of them block in the kernel while
idle, costing no CPU and never holding the interpreter lock.
"""

import _socket
import _thread

_CHUNK = 65536


def serve(address, socket_path):
    """Listens on ``address`` ("127.0.0.1:9001") and relays each connection to ``socket_path``.

    Raises ValueError for an address without a numeric port, OSError when it cannot listen."""
    host, sep, port = address.rpartition(':')
    if not sep or not host or not port.isdigit():
        raise ValueError('HEARTH_RUNTIME_RELAY must be host:port, got %r' % address)
    listener = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    try:
        listener.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
        listener.bind((host, int(port)))
        listener.listen(64)
    except OSError:
        listener.close()
        raise
    _thread.start_new_thread(_accept_loop, (listener, socket_path))
    return listener


def _accept_loop(listener, socket_path):
    while True:
        try:
            fd, _ = listener._accept()
        except OSError:
            # EMFILE and the like: the handler holds too many descriptors; try again shortly.
            _sleep(0.05)
            continue
        try:
            _thread.start_new_thread(_connect, (fd, socket_path))
        except RuntimeError:  # cannot start a thread (pids limit): drop this connection
            _close_fd(fd)


def _connect(fd, socket_path):
    client = _socket.socket(fileno=fd)
    upstream = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        upstream.connect(socket_path)
    except OSError:
        upstream.close()
        client.close()
        return
    pair = _Pair(client, upstream)
    try:
        _thread.start_new_thread(pair.pipe, (upstream, client))
    except RuntimeError:
        pair.close()
        return
    pair.pipe(client, upstream)


class _Pair:
    """One relayed connection: two directions; the second to finish closes both sockets."""

    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.lock = _thread.allocate_lock()
        self.open = 2

    def pipe(self, source, target):
        try:
            while True:
                data = source.recv(_CHUNK)
                if not data:
                    target.shutdown(_socket.SHUT_WR)
                    break
                target.sendall(data)
        except OSError:
            self.close()
        with self.lock:
            self.open -= 1
            last = self.open == 0
        if last:
            self.close()

    def close(self):
        for s in (self.a, self.b):
            try:
                s.shutdown(_socket.SHUT_RDWR)
            except OSError:
                pass
        if self.open == 0:
            self.a.close()
            self.b.close()


def _sleep(seconds):
    import time
    time.sleep(seconds)


def _close_fd(fd):
    try:
        _socket.socket(fileno=fd).close()
    except OSError:
        pass
