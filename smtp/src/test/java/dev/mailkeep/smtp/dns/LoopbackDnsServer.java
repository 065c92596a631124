// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A minimal authoritative DNS server on 127.0.0.1 (UDP and TCP on one ephemeral port) for
 * testing {@link DnsjavaResolver}: answers from a record map, NXDOMAIN for unknown names,
 * truncates UDP answers longer than 512 octets, and never answers names listed as silent.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final java.util.Set<String> silent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final DatagramSocket udp;
    private final ServerSocket tcp;

    public LoopbackDnsServer() throws IOException {
        ServerSocket s = null;
        DatagramSocket d = null;
        for (int attempt = 0; attempt < 20 && d == null; attempt++) {
            s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            try {
                d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
            } catch (IOException busy) {
                s.close();
            }
        }
        this.tcp = s;
        this.udp = d;
        Thread.ofVirtual().start(this::serveUdp);
        Thread.ofVirtual().start(this::serveTcp);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort());
    }

    public void add(Record r) {
        records.computeIfAbsent(r.getName().toString().toLowerCase() + "/" + r.getType(),
                k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(r);
        records.computeIfAbsent(r.getName().toString().toLowerCase() + "/exists", k -> List.of());
    }

    public void silence(String absoluteName) {
        silent.add(absoluteName.toLowerCase());
    }

    public int udpQueries() {
        return udpQueries.get();
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    private byte[] answer(byte[] query, boolean overUdp) throws IOException {
        Message q = new Message(query);
        Record question = q.getQuestion();
        String name = question.getName().toString().toLowerCase();
        if (silent.contains(name)) {
            return null;
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        r.addRecord(question, Section.QUESTION);
        List<Record> rrs = records.get(name + "/" + question.getType());
        if (rrs != null) {
            rrs.forEach(rr -> r.addRecord(rr, Section.ANSWER));
        } else if (!records.containsKey(name + "/exists")) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        byte[] wire = r.toWire();
        if (overUdp && wire.length > 512) {
            Message truncated = new Message(q.getHeader().getID());
            truncated.getHeader().setFlag(Flags.QR);
            truncated.getHeader().setFlag(Flags.TC);
            truncated.addRecord(question, Section.QUESTION);
            return truncated.toWire();
        }
        return wire;
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                udpQueries.incrementAndGet();
                byte[] query = java.util.Arrays.copyOf(p.getData(), p.getLength());
                byte[] out = answer(query, true);
                if (out != null) {
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed or a malformed query: keep serving until closed
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket c = tcp.accept();
                Thread.ofVirtual().start(() -> serveTcpClient(c));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serveTcpClient(Socket c) {
        try (c; DataInputStream in = new DataInputStream(c.getInputStream());
             DataOutputStream out = new DataOutputStream(c.getOutputStream())) {
            int len = in.readUnsignedShort();
            byte[] query = in.readNBytes(len);
            tcpQueries.incrementAndGet();
            byte[] answer = answer(query, false);
            if (answer != null) {
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
