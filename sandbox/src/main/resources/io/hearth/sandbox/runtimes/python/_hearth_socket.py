"""The connection to the server, shared by the Runtime API client (_hearth_api) and the key-value
client (hearth): the Unix socket when one is named (a namespaced sandbox), else TCP to host:port.

Imported by the bootstrap, through _hearth_api, before the task root joins sys.path: a module of
the function's own with this name cannot replace it.
"""
import _socket


def connect(unix, host, port):
    """A connected stream socket (TCP_NODELAY on TCP); raises OSError."""
    if unix:
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        address = unix
    else:
        try:
            host = host.encode('ascii')  # a str host would import the idna codec (and re)
        except UnicodeEncodeError:
            pass
        family, kind, proto, _, address = _socket.getaddrinfo(host, port, 0, _socket.SOCK_STREAM)[0]
        sock = _socket.socket(family, kind, proto)
    try:
        if not unix:
            sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        sock.connect(address)
    except BaseException:
        sock.close()
        raise
    return sock


def close(sock):
    """Closes sock if there is one, ignoring errors."""
    if sock is not None:
        try:
            sock.close()
        except OSError:
            pass
