// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Identity selection (RFC 7208 section 2.4) and the outcome details callers render. */
class SpfVerifierTest {
    private final FakeDnsResolver dns = FakeDnsResolver.fromZone("""
            example.org TXT "v=spf1 ip4:192.0.2.0/24 -all"
            mx.example.org TXT "v=spf1 a -all"
            mx.example.org A 198.51.100.7
            """);
    private final SpfVerifier spf = new SpfVerifier(dns, "mx.mailkeep.test");

    @Test
    void mailFromIdentityIsCheckedWhenPresent() throws Exception {
        SpfCheck c = spf.check(InetAddress.getByName("192.0.2.9"), "mx.example.org", "alice@Example.org");
        assertEquals("mailfrom", c.identity());
        assertEquals("example.org", c.domain());
        assertEquals(SpfResult.PASS, c.result());
        assertNull(c.outcome().explanation());
    }

    @Test
    void heloIdentityIsCheckedForBounces() throws Exception {
        SpfCheck c = spf.check(InetAddress.getByName("198.51.100.7"), "mx.example.org", "");
        assertEquals("helo", c.identity());
        assertEquals("postmaster@mx.example.org", c.sender());
        assertEquals(SpfResult.PASS, c.result());
        SpfCheck wrongHost = spf.check(InetAddress.getByName("198.51.100.8"), "mx.example.org", null);
        assertEquals(SpfResult.FAIL, wrongHost.result());
    }

    @Test
    void failCarriesDefaultExplanationAndReason() throws Exception {
        SpfCheck c = spf.check(InetAddress.getByName("203.0.113.1"), "x.example.net", "bob@example.org");
        assertEquals(SpfResult.FAIL, c.result());
        assertEquals(SpfEvaluator.DEFAULT_EXPLANATION, c.outcome().explanation());
        assertEquals("example.org: matched -all", c.outcome().reason());
    }
}
