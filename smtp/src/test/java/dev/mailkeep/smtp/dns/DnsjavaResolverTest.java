// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;

/** {@link DnsjavaResolver} against a DNS server on loopback: answer kinds, TCP fallback, cache, timeout. */
class DnsjavaResolverTest {
    private LoopbackDnsServer server;
    private DnsjavaResolver dns;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        dns = DnsjavaResolver.create(List.of(server.address()), Duration.ofMillis(500), 100);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Name n(String s) throws Exception {
        return Name.fromString(s);
    }

    @Test
    void answersEachRecordType() throws Exception {
        server.add(new TXTRecord(n("example.test."), DClass.IN, 300, List.of("v=spf1 ", "-all")));
        server.add(new ARecord(n("example.test."), DClass.IN, 300, InetAddress.getByName("192.0.2.1")));
        server.add(new AAAARecord(n("example.test."), DClass.IN, 300, InetAddress.getByName("2001:db8::1")));
        server.add(new MXRecord(n("example.test."), DClass.IN, 300, 10, n("MX.example.test.")));
        server.add(new PTRRecord(ReverseMap.fromAddress("192.0.2.1"), DClass.IN, 300, n("example.test.")));

        assertEquals(new DnsResult.Records<>(List.of(TxtRecord.of("v=spf1 ", "-all"))), dns.txt("Example.TEST"));
        assertEquals(InetAddress.getByName("192.0.2.1"), dns.a("example.test").valuesOrEmpty().getFirst());
        assertEquals(InetAddress.getByName("2001:db8::1"), dns.aaaa("example.test").valuesOrEmpty().getFirst());
        assertEquals(List.of(new MxRecord(10, "mx.example.test")), dns.mx("example.test.").valuesOrEmpty());
        assertEquals(List.of("example.test"), dns.ptr(InetAddress.getByName("192.0.2.1")).valuesOrEmpty());
    }

    @Test
    void tellsNxDomainFromNoData() throws Exception {
        server.add(new ARecord(n("host.test."), DClass.IN, 300, InetAddress.getByName("192.0.2.1")));
        assertInstanceOf(DnsResult.NoData.class, dns.txt("host.test"));
        assertInstanceOf(DnsResult.NxDomain.class, dns.txt("missing.test"));
    }

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.add(new TXTRecord(n("big.test."), DClass.IN, 300, "record number " + i + " ".repeat(40)));
        }
        assertEquals(20, dns.txt("big.test").valuesOrEmpty().size());
        assertEquals(1, server.tcpQueries());
    }

    @Test
    void cachesAnswersForTheirTtlOnly() throws Exception {
        server.add(new ARecord(n("cached.test."), DClass.IN, 300, InetAddress.getByName("192.0.2.1")));
        server.add(new ARecord(n("fleeting.test."), DClass.IN, 0, InetAddress.getByName("192.0.2.2")));
        dns.a("cached.test");
        dns.a("cached.test");
        assertEquals(1, server.udpQueries());
        dns.a("fleeting.test");
        dns.a("fleeting.test");
        assertEquals(3, server.udpQueries());
    }

    @Test
    void unansweredQueryIsATemporaryFailure() throws Exception {
        server.silence("slow.test.");
        assertInstanceOf(DnsResult.TempFail.class, dns.txt("slow.test"));
    }

    @Test
    void serverListIsParsedAsHostPort() {
        assertEquals(5353, DnsServers.parse("127.0.0.1:5353").getFirst().getPort());
        assertEquals(53, DnsServers.parse("[::1], 127.0.0.1").get(1).getPort());
        assertEquals(5300, DnsServers.parse("[::1]:5300").getFirst().getPort());
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("dns.example.com:53"));
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("127.0.0.1:99999"));
    }
}
