package io.hearth.runtime.java;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client holding one keep-alive connection to the Runtime API, over TCP or a
 * Unix-domain socket. It exists because the runtime makes exactly one request at a time and
 * {@code java.net.http.HttpClient} costs tens of milliseconds of class loading at start.
 *
 * <p>Requests carry a fixed length; responses may be fixed-length, chunked or delimited by the
 * connection closing. A request that fails on a reused connection before a single response byte
 * arrived (the peer had closed it while idle) is sent once more on a new connection. When writing a
 * request body fails, the response is still read: a server may refuse an oversized body early (413)
 * and close. Not thread-safe: the runtime loop is its only user.
 */
final class HttpChannel implements Closeable {
    private static final int SMALL_BODY = 32 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    private final RuntimeApiAddress address;
    private final String userAgent;
    private Closeable connection;
    private InputStream in;
    private OutputStream out;
    private int exchanges;           // completed on the current connection
    private long received;           // bytes read on the current exchange
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    HttpChannel(RuntimeApiAddress address) {
        this.address = address;
        this.userAgent = "hearth-runtime-java/" + System.getProperty("java.version");
    }

    /** Sends one request and reads its whole response. {@code extraHeaders} are CRLF-terminated lines. */
    HttpResponse exchange(String method, String path, String extraHeaders, byte[] body, int length)
            throws IOException {
        boolean reused = connection != null && exchanges > 0;
        try {
            return once(method, path, extraHeaders, body, length);
        } catch (IOException e) {
            close();
            if (!reused || received > 0) throw e;
            return once(method, path, extraHeaders, body, length);
        }
    }

    private HttpResponse once(String method, String path, String extraHeaders, byte[] body, int length)
            throws IOException {
        if (connection == null) connect();
        received = 0;
        byte[] head = head(method, path, extraHeaders, body == null ? -1 : length);
        IOException writeFailure = null;
        try {
            if (body == null || length == 0) {
                out.write(head);
            } else if (length <= SMALL_BODY) {
                byte[] all = new byte[head.length + length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, length);
                out.write(all);
            } else {
                out.write(head);
                out.write(body, 0, length);
            }
            out.flush();
        } catch (IOException e) {
            writeFailure = e;
        }
        HttpResponse response;
        try {
            response = readResponse(method);
        } catch (IOException e) {
            if (writeFailure != null) e.addSuppressed(writeFailure);
            throw e;
        }
        exchanges++;
        String connectionHeader = response.header("connection");
        if (writeFailure != null || (connectionHeader != null && connectionHeader.equalsIgnoreCase("close"))) {
            close();
        }
        return response;
    }

    private byte[] head(String method, String path, String extraHeaders, int length) {
        var sb = new StringBuilder(160 + extraHeaders.length());
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(address.hostHeader())
                .append("\r\nUser-Agent: ").append(userAgent).append("\r\n");
        if (length >= 0) {
            sb.append("Content-Type: application/json\r\nContent-Length: ").append(length).append("\r\n");
        }
        sb.append(extraHeaders).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void connect() throws IOException {
        pos = 0;
        lim = 0;
        exchanges = 0;
        if (address.unixSocket() != null) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(address.unixSocket()));
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot connect to the Runtime API at " + address.unixSocket() + ": " + e, e);
            }
            connection = channel;
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
        } else {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address.host(), address.port()));
            } catch (IOException e) {
                socket.close();
                throw new IOException("cannot connect to the Runtime API at " + address.hostHeader() + ": " + e, e);
            }
            connection = socket;
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
    }

    private HttpResponse readResponse(String method) throws IOException {
        while (true) {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP response from the Runtime API: '" + statusLine + "'");
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad status line from the Runtime API: '" + statusLine + "'");
            }
            Map<String, String> headers = new HashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon > 0) headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200) continue;   // interim response: the real one follows
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            if (http10 && !"keep-alive".equalsIgnoreCase(headers.get("connection"))) headers.put("connection", "close");
            byte[] body = body(method, status, headers);
            return new HttpResponse(status, headers, body);
        }
    }

    private byte[] body(String method, int status, Map<String, String> headers) throws IOException {
        if (method.equals("HEAD") || status == 204 || status == 304) return new byte[0];
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) return chunked();
        String cl = headers.get("content-length");
        if (cl != null) {
            long n;
            try {
                n = Long.parseLong(cl);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length from the Runtime API: '" + cl + "'");
            }
            if (n < 0 || n > Integer.MAX_VALUE - 16) throw new IOException("bad Content-Length from the Runtime API: " + n);
            return exactly((int) n);
        }
        headers.put("connection", "close");
        var all = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos == lim && fill() < 0) return all.toByteArray();
            all.write(buf, pos, lim - pos);
            pos = lim;
        }
    }

    private byte[] chunked() throws IOException {
        var all = new java.io.ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size from the Runtime API: '" + sizeLine + "'");
            }
            if (size == 0) {
                while (!line().isEmpty()) { /* trailers */ }
                return all.toByteArray();
            }
            all.write(exactly(size));
            line();
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] body = new byte[n];
        int have = Math.min(n, lim - pos);
        System.arraycopy(buf, pos, body, 0, have);
        pos += have;
        while (have < n) {
            int r = in.read(body, have, n - have);
            if (r < 0) throw new IOException("the Runtime API closed the connection in a response body");
            received += r;
            have += r;
        }
        return body;
    }

    private String line() throws IOException {
        var sb = new StringBuilder(64);
        while (true) {
            if (pos == lim && fill() < 0) {
                throw new IOException("the Runtime API closed the connection" + (received == 0 ? "" : " mid-response"));
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) throw new IOException("header line too long from the Runtime API");
            sb.append((char) (b & 0xff));
        }
    }

    private int fill() throws IOException {
        pos = 0;
        lim = Math.max(0, in.read(buf, 0, buf.length));
        if (lim == 0) return -1;
        received += lim;
        return lim;
    }

    @Override
    public void close() {
        Closeable c = connection;
        connection = null;
        in = null;
        out = null;
        pos = 0;
        lim = 0;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a connection we no longer want
            }
        }
    }
}
