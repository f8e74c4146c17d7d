/*
 * The Runtime API's TCP port inside an isolated sandbox, served by the runtime process itself.
 *
 * An isolated sandbox has no network path to the host: the bootstrap reaches the Runtime API over
 * the Unix socket HEARTH_RUNTIME_SOCKET. Handler code that follows Lambda's contract uses
 * AWS_LAMBDA_RUNTIME_API (host:port on the sandbox's own loopback) instead, so the bootstrap listens
 * on the address HEARTH_RUNTIME_RELAY names (that same host:port) and pipes every connection to the
 * socket. listen() on a numeric address binds before it returns, so the port is there from the
 * handler's first line on. The listener and the relay's sockets are unref'd: they never keep the
 * event loop alive (the handler's own socket does, as on Lambda).
 */
'use strict';

const net = require('net');

function serve(address, socketPath, onError) {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon);
  const port = Number(address.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`HEARTH_RUNTIME_RELAY must be host:port, got '${address}'`);
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(socketPath);
    client.unref();
    upstream.unref();
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end);
    upstream.on('error', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.on('error', onError);
  server.listen(port, host);
  server.unref();
  return server;
}

module.exports = { serve };
