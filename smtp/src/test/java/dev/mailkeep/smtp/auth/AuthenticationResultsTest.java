// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dkim.DkimStatus;
import dev.mailkeep.smtp.auth.dmarc.DmarcOutcome;
import dev.mailkeep.smtp.auth.dmarc.DmarcResult;
import dev.mailkeep.smtp.auth.dmarc.Disposition;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import dev.mailkeep.smtp.auth.spf.SpfOutcome;
import dev.mailkeep.smtp.auth.spf.SpfResult;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8601 syntax details: quoting of values with tspecials, escaping in comments, removal of folded forged fields. */
class AuthenticationResultsTest {

    @Test
    void valuesWithTspecialsAreQuotedAndCommentsEscaped() throws Exception {
        SpfCheck spf = new SpfCheck("helo", "postmaster@[192.0.2.1]", "[192.0.2.1]", InetAddress.getByName("192.0.2.1"),
                "[192.0.2.1]", new SpfOutcome(SpfResult.NONE, null, "'[192.0.2.1]' is not a valid domain name (literal)"));
        DkimResult dkim = new DkimResult(DkimStatus.FAIL, "example.com", "s1", "@example.com", "rsa-sha256",
                "ab/cd+ef=ghijklmnop", 1024, false, "body hash did not verify");
        DmarcOutcome dmarc = new DmarcOutcome(DmarcResult.NONE, "example.com", null, null, Disposition.NONE, false,
                false, "no DMARC record for example.com");
        assertEquals("Authentication-Results: mx.mailkeep.test;\r\n"
                + "\tspf=none ('[192.0.2.1]' is not a valid domain name \\(literal\\)) smtp.helo=\"[192.0.2.1]\";\r\n"
                + "\tdkim=fail (1024-bit key; body hash did not verify) header.d=example.com header.s=s1"
                + " header.a=rsa-sha256 header.b=\"ab/cd+ef=ghi\";\r\n"
                + "\tdmarc=none (no DMARC record for example.com) header.from=example.com\r\n",
                AuthenticationResults.render("mx.mailkeep.test", spf, List.of(dkim), dmarc));
    }

    @Test
    void foldedForgedFieldIsRemovedWhole() {
        String message = "Received: from x\r\nAuthentication-Results:\r\n  mx.mailkeep.test;\r\n\tdkim=pass\r\n"
                + "Subject: hi\r\n\r\nbody\r\n";
        assertEquals("Received: from x\r\nSubject: hi\r\n\r\nbody\r\n", new String(
                ClaimedResults.remove(message.getBytes(StandardCharsets.US_ASCII), "MX.mailkeep.test"),
                StandardCharsets.US_ASCII));
    }

    @Test
    void receivedSpfForEachResult() throws Exception {
        InetAddress ip = InetAddress.getByName("2001:db8:0:0::25");
        String[] expected = {
            "domain of a@example.com designates 2001:db8::25 as permitted sender",
            "domain of a@example.com does not designate 2001:db8::25 as permitted sender",
            "transitioning domain of a@example.com does not designate 2001:db8::25 as permitted sender",
            "2001:db8::25 is neither permitted nor denied by domain of a@example.com",
            "domain of a@example.com does not designate permitted sender hosts",
        };
        SpfResult[] results = {SpfResult.PASS, SpfResult.FAIL, SpfResult.SOFTFAIL, SpfResult.NEUTRAL, SpfResult.NONE};
        for (int i = 0; i < results.length; i++) {
            SpfOutcome o = new SpfOutcome(results[i], results[i] == SpfResult.FAIL ? "no" : null, "r");
            String field = ReceivedSpf.render(new SpfCheck("mailfrom", "a@example.com", "example.com", ip, "h.example.com", o),
                    "mx.mailkeep.test", "a@example.com");
            assertEquals("Received-SPF: " + results[i].keyword() + " (mx.mailkeep.test: " + expected[i] + ")\r\n"
                    + "\tclient-ip=2001:db8::25;\r\n\tenvelope-from=\"a@example.com\";\r\n\thelo=h.example.com;\r\n"
                    + "\treceiver=mx.mailkeep.test;\r\n\tidentity=mailfrom;\r\n", field);
        }
    }
}
