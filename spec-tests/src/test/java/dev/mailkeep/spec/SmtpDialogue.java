// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain SMTP client for dialogue tests: {@code send} a line, {@code expect} a reply prefix. */
public final class SmtpDialogue implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public SmtpDialogue(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    public SmtpDialogue send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends raw bytes as they are (a DATA body with its own CRLFs and terminator). */
    public SmtpDialogue sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one whole reply (all its continuation lines) and checks that its last line starts with {@code prefix}. */
    public String expect(String prefix) throws IOException {
        String reply = reply();
        String last = reply.substring(reply.lastIndexOf('\n', reply.length() - 2) + 1).strip();
        assertTrue(last.startsWith(prefix), "expected a reply starting with \"" + prefix + "\" but got:\n" + reply);
        return reply;
    }

    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; reply so far: " + reply);
            }
            reply.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
