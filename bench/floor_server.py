#!/usr/bin/env python3
"""The floor of the benchmark: the smallest keep-alive HTTP/1.1 echo server python allows.

One epoll loop per worker process on raw non-blocking sockets; N workers share the port with
SO_REUSEPORT (the kernel spreads connections over them). A request is answered with 200 and its
body (POST/PUT) or an empty body (GET, HEAD ...). Pipelined requests are answered in order.
Only Content-Length bodies are supported (chunked requests get 411 and the connection is closed).

    floor_server.py [--port 0] [--workers N]

Prints "floor listening on http://127.0.0.1:PORT (workers N)" once every worker is accepting,
and stops on SIGTERM/SIGINT (the parent stops its workers).
"""
import argparse
import os
import select
import signal
import socket
import sys

RECV = 65536
HEAD_END = b"\r\n\r\n"


def parse_head(head):
    """(content_length, keep_alive, chunked) of a request head (bytes, without the blank line)."""
    lines = head.split(b"\r\n")
    version = lines[0].rsplit(b" ", 1)[-1]
    keep_alive = version == b"HTTP/1.1"
    length = 0
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection":
            token = value.strip().lower()
            keep_alive = token == b"keep-alive" or (keep_alive and token != b"close")
        elif name == b"transfer-encoding":
            chunked = True
    return length, keep_alive, chunked


def response(body, keep_alive):
    conn = b"" if keep_alive else b"Connection: close\r\n"
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n" + conn + b"\r\n" + body)


class Conn:
    """One client connection: bytes received but not yet handled, bytes not yet sent."""
    __slots__ = ("sock", "inbuf", "outbuf", "closing")

    def __init__(self, sock):
        self.sock = sock
        self.inbuf = b""
        self.outbuf = b""
        self.closing = False

    def handle(self):
        """Answers every complete request in inbuf; returns the bytes to send."""
        out = []
        buf = self.inbuf
        while True:
            end = buf.find(HEAD_END)
            if end < 0:
                break
            try:
                length, keep_alive, chunked = parse_head(buf[:end])
            except ValueError:
                out.append(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                self.closing = True
                buf = b""
                break
            if chunked:
                out.append(b"HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                self.closing = True
                buf = b""
                break
            start = end + 4
            if len(buf) - start < length:
                break
            out.append(response(buf[start:start + length], keep_alive))
            buf = buf[start + length:]
            if not keep_alive:
                self.closing = True
                buf = b""
                break
        self.inbuf = buf
        return b"".join(out)


def serve(listener):
    """The epoll loop of one worker; runs until SIGTERM/SIGINT raise SystemExit."""
    ep = select.epoll()
    lfd = listener.fileno()
    ep.register(lfd, select.EPOLLIN)
    conns = {}
    IN, OUT = select.EPOLLIN, select.EPOLLOUT
    ERR = select.EPOLLERR | select.EPOLLHUP

    def close(fd):
        c = conns.pop(fd)
        ep.unregister(fd)
        c.sock.close()

    while True:
        for fd, ev in ep.poll():
            if fd == lfd:
                while True:
                    try:
                        sock, _ = listener.accept()
                    except BlockingIOError:
                        break
                    sock.setblocking(False)
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    conns[sock.fileno()] = Conn(sock)
                    ep.register(sock.fileno(), IN)
                continue
            c = conns.get(fd)
            if c is None:
                continue
            if ev & IN:
                try:
                    data = c.sock.recv(RECV)
                except (BlockingIOError, InterruptedError):
                    data = None
                except OSError:
                    close(fd)
                    continue
                if data == b"":
                    close(fd)
                    continue
                if data:
                    c.inbuf += data
                    reply = c.handle()
                    if reply:
                        if c.outbuf:
                            c.outbuf += reply
                        else:
                            try:
                                sent = c.sock.send(reply)
                            except (BlockingIOError, InterruptedError):
                                sent = 0
                            except OSError:
                                close(fd)
                                continue
                            if sent < len(reply):
                                c.outbuf = reply[sent:]
                                ep.modify(fd, IN | OUT)
                    if c.closing and not c.outbuf:
                        close(fd)
                        continue
            elif ev & ERR:
                close(fd)
                continue
            if ev & OUT and c.outbuf:
                try:
                    sent = c.sock.send(c.outbuf)
                except (BlockingIOError, InterruptedError):
                    sent = 0
                except OSError:
                    close(fd)
                    continue
                c.outbuf = c.outbuf[sent:]
                if not c.outbuf:
                    if c.closing:
                        close(fd)
                        continue
                    ep.modify(fd, IN)


def listen(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1024)
    s.setblocking(False)
    return s


def exit_on_signal():
    handler = lambda *_: sys.exit(0)
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def stop_children(children):
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def main():
    ap = argparse.ArgumentParser(description="Keep-alive HTTP/1.1 echo server (benchmark floor).")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if args.workers < 1:
        ap.error("--workers must be >= 1")
    exit_on_signal()
    # Every worker binds its own SO_REUSEPORT socket to the port the first one got, before any
    # fork, so the "listening" line is only printed when all of them accept.
    first = listen(args.port)
    port = first.getsockname()[1]
    listeners = [first] + [listen(port) for _ in range(args.workers - 1)]
    children = []
    try:
        for sock in listeners[1:]:
            pid = os.fork()
            if pid == 0:
                children = []
                for other in listeners:
                    if other is not sock:
                        other.close()
                try:
                    serve(sock)
                finally:
                    os._exit(0)
            children.append(pid)
        for sock in listeners[1:]:
            sock.close()
        print(f"floor listening on http://127.0.0.1:{port} (workers {args.workers})", flush=True)
        serve(first)
    finally:
        stop_children(children)


if __name__ == "__main__":
    main()
