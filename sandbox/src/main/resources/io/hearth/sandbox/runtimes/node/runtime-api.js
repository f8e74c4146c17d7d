/*
 * The Runtime API client of Hearth's Node runtime (bootstrap.js): one keep-alive connection over
 * TCP or, in an isolated sandbox, the Unix-domain socket HEARTH_RUNTIME_SOCKET names; minimal
 * HTTP/1.1 with the net module only. A Runtime API that cannot be reached, or answers with a
 * malformed response, ends the process (leave, status 1): a runtime without its API has nothing
 * left to do.
 */
'use strict';

const net = require('net');

function leave(code, message) {
  if (message) {
    try { process.stderr.write(message + '\n'); } catch (_) { /* the pipe may be gone too */ }
  }
  process.exit(code);
}

class RuntimeApi {
  constructor(spec, unixSocket) {
    const slash = spec.indexOf('/');
    const hostport = slash < 0 ? spec : spec.slice(0, slash);
    const colon = hostport.lastIndexOf(':');
    const port = Number(hostport.slice(colon + 1));
    let host = hostport.slice(0, colon);
    if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`AWS_LAMBDA_RUNTIME_API must be host:port[/prefix], got '${spec}'`);
    }
    if (host.startsWith('[')) host = host.slice(1, -1);
    this.display = unixSocket ? `${spec} (over ${unixSocket})` : spec;
    this.unixSocket = unixSocket || null;
    this.host = host;
    this.port = port;
    this.hostport = hostport;
    this.base = (slash < 0 ? '' : spec.slice(slash).replace(/\/+$/, '')) + '/2018-06-01/runtime/';
    this.nextHead = `GET ${this.base}invocation/next HTTP/1.1\r\nHost: ${hostport}\r\n\r\n`;
    this.socket = null;
    this.pending = null;
    this.reset();
  }

  reset() {
    this.buf = null;
    this.head = null;
    this.body = null;
    this.filled = 0;
  }

  connect() {
    const socket = this.unixSocket !== null ? net.connect({ path: this.unixSocket })
      : net.connect({ host: this.host, port: this.port });
    let connected = false;
    let lastError = null;
    if (this.unixSocket === null) socket.setNoDelay(true);
    socket.on('connect', () => { connected = true; });
    socket.on('data', (chunk) => { if (socket === this.socket && this.pending !== null) this.onData(chunk); });
    socket.on('error', (err) => { lastError = err; });
    socket.on('close', () => this.onClose(socket, connected, lastError));
    this.socket = socket;
    this.reset();
  }

  /** Sends one request; resolves with {status, headers (lower-case names), body (Buffer)}. */
  request(head, body) {
    return new Promise((resolve) => {
      this.pending = { head, body, resolve, quickFailures: 0, started: 0, gotBytes: false };
      this.send();
    });
  }

  post(route, body, extraHeaders) {
    const head = `POST ${this.base}${route} HTTP/1.1\r\nHost: ${this.hostport}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders || ''}\r\n`;
    return this.request(head, body).then((res) => {
      if (res.status >= 300) {
        process.stderr.write(`[WARN] Runtime API answered ${res.status} to POST ${route}: ${res.body.toString('utf8', 0, 512)}\n`);
      }
      return res;
    });
  }

  send() {
    if (this.socket === null) this.connect();
    const p = this.pending;
    p.started = Date.now();
    p.gotBytes = false;
    this.socket.ref();
    this.socket.write(p.body === undefined ? p.head : p.head + p.body);
  }

  /**
   * A connection closed before the answer began is reopened and the request sent again: a stale
   * keep-alive connection, or a long poll cut by an idle timeout. A second quick failure (within a
   * second) means the server is going away; so does a refused connection.
   */
  onClose(socket, connected, lastError) {
    if (socket !== this.socket) return;
    this.socket = null;
    const p = this.pending;
    if (!connected) {
      leave(1, `Runtime API at ${this.display} is not reachable${lastError ? ` (${lastError.message})` : ''}; exiting`);
    }
    if (p === null) { this.reset(); return; } // an idle keep-alive connection closed: reconnect on demand
    if (this.head !== null && this.head.untilClose) { this.finish(this.concatUntilClose(), null, true); return; }
    if (p.gotBytes) leave(1, `Runtime API at ${this.display} closed the connection mid-response; exiting`);
    if (Date.now() - p.started < 1000 && ++p.quickFailures > 1) {
      leave(1, `Runtime API at ${this.display} closed the connection; exiting`);
    }
    this.reset();
    this.send(); // a stale keep-alive connection or a long poll cut by an idle timeout: try again
  }

  onData(chunk) {
    this.pending.gotBytes = true;
    if (this.head === null) {
      this.buf = this.buf === null ? chunk : Buffer.concat([this.buf, chunk]);
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.head = parseHead(this.buf.toString('utf8', 0, end));
      chunk = this.buf.subarray(end + 4);
      this.buf = null;
      if (this.head.length >= 0) this.body = Buffer.allocUnsafe(this.head.length);
    }
    const h = this.head;
    if (h.length >= 0) {
      const n = Math.min(chunk.length, h.length - this.filled);
      chunk.copy(this.body, this.filled, 0, n);
      this.filled += n;
      if (this.filled === h.length) this.finish(this.body, chunk.length > n ? chunk.subarray(n) : null, h.close);
    } else {
      this.buf = this.buf === null ? chunk : Buffer.concat([this.buf, chunk]);
      if (h.chunked) {
        const done = dechunk(this.buf);
        if (done !== null) this.finish(done.body, done.rest, h.close);
      }
    }
  }

  concatUntilClose() {
    return this.buf === null ? Buffer.alloc(0) : this.buf;
  }

  finish(body, rest, close) {
    const h = this.head;
    const p = this.pending;
    this.pending = null;
    this.reset();
    if (close) {
      if (this.socket !== null) this.socket.destroy();
      this.socket = null;
    } else {
      this.buf = rest;
      this.socket.unref();
    }
    p.resolve({ status: h.status, headers: h.headers, body });
  }
}

function parseHead(text) {
  const lines = text.split('\r\n');
  const first = lines[0].split(' ');
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const c = lines[i].indexOf(':');
    if (c > 0) headers[lines[i].slice(0, c).trim().toLowerCase()] = lines[i].slice(c + 1).trim();
  }
  const status = Number(first[1]);
  const conn = (headers.connection || '').toLowerCase();
  const close = conn.includes('close') || (first[0] === 'HTTP/1.0' && !conn.includes('keep-alive'));
  const chunked = (headers['transfer-encoding'] || '').toLowerCase().includes('chunked');
  let length = -1;
  if (!chunked) {
    if (headers['content-length'] !== undefined) length = Number(headers['content-length']);
    else if (status < 200 || status === 204 || status === 304) length = 0;
  }
  if (!Number.isInteger(status) || Number.isNaN(length)) leave(1, `Runtime API sent a malformed response: ${lines[0]}; exiting`);
  return { status, headers, close, chunked, length, untilClose: !chunked && length < 0 };
}

/** Decodes a complete chunked body at the start of buf, or returns null when more is needed. */
function dechunk(buf) {
  const parts = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) return null;
    const size = parseInt(buf.toString('latin1', pos, eol).split(';')[0].trim(), 16);
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      const stop = buf.length >= eol + 4 && buf[eol + 2] === 13 && buf[eol + 3] === 10 ? eol + 4 : end < 0 ? -1 : end + 4;
      if (stop < 0) return null;
      return { body: Buffer.concat(parts), rest: stop < buf.length ? buf.subarray(stop) : null };
    }
    if (buf.length < eol + 2 + size + 2) return null;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
}

module.exports = { RuntimeApi, leave };
