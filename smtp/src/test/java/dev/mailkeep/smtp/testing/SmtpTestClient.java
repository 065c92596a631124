// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A plain socket SMTP client for dialogue tests: {@code send("MAIL FROM:<a@b>")}, {@code expect("250 ...")}. */
public final class SmtpTestClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpTestClient(Socket socket) throws IOException {
        use(socket);
    }

    public static SmtpTestClient connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5_000);
        return new SmtpTestClient(socket);
    }

    /** Connects with TLS from the first byte (SMTP submission on port 465, RFC 8314). */
    public static SmtpTestClient connectTls(InetSocketAddress address, SSLContext trust) throws IOException {
        SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket();
        socket.connect(address, 5_000);
        socket.startHandshake();
        return new SmtpTestClient(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Runs the TLS handshake over the connection (after the server's 220 to STARTTLS). */
    public void startTls(SSLContext trust) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) trust.getSocketFactory()
                .createSocket(socket, remote.getHostString(), remote.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    /** Sends one line; CRLF is appended. */
    public void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one reply and asserts it is exactly {@code expected} (the last line of a multi-line reply). */
    public void expect(String expected) throws IOException {
        List<String> reply = readReply();
        assertEquals(expected, reply.getLast(), "reply " + reply);
    }

    /** Reads one reply and asserts its last line starts with {@code prefix}. */
    public String expectStart(String prefix) throws IOException {
        List<String> reply = readReply();
        String last = reply.getLast();
        if (!last.startsWith(prefix)) {
            assertEquals(prefix, last, "reply " + reply);
        }
        return last;
    }

    /** Reads all lines of one reply (RFC 5321 section 4.2.1: "code-" lines, then "code "). */
    public List<String> readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed, lines so far: " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    /** True when the server closed the connection (end of stream). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
