// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.auth.dkim.DkimKeys;
import dev.mailkeep.smtp.auth.dkim.DkimSigner;
import dev.mailkeep.smtp.auth.dkim.DkimSigningKey;
import dev.mailkeep.smtp.auth.dmarc.Disposition;
import dev.mailkeep.smtp.auth.dmarc.PublicSuffixList;
import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade end to end: the verdict, the exact header fields it renders, and the removal of forged results. */
class MessageAuthenticatorTest {
    private static final byte[] SEED = Base64.getDecoder().decode("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
    private static final PrivateKey KEY = DkimKeys.ed25519FromSeed(SEED);
    private static final String MESSAGE = """
            Authentication-Results: MX.Mailkeep.Test; spf=pass; dkim=pass; dmarc=pass\r
            Authentication-Results: relay.example.net; spf=fail\r
            From: Joe <joe@example.com>\r
            To: Ann <ann@mailkeep.test>\r
            Subject: Hello\r
            Date: Mon, 23 Nov 2026 12:00:00 +0000\r
            \r
            Hi Ann.\r
            """;

    private final FakeDnsResolver dns = new FakeDnsResolver()
            .txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("_dmarc.example.com", "v=DMARC1; p=reject")
            .txt("brisbane._domainkey.example.com", DkimKeys.keyRecord(KEY));
    private final MessageAuthenticator auth = new MessageAuthenticator(dns, "mx.mailkeep.test", Clock.systemUTC(), 5,
            PublicSuffixList.bundled(), () -> 0);

    private static byte[] signed() {
        return new DkimSigner(List.of(new DkimSigningKey("example.com", "brisbane", KEY)))
                .signAndPrepend(MESSAGE.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void authenticMessagePassesEverything() throws Exception {
        byte[] signed = signed();
        AuthenticationVerdict v = auth.check(signed, InetAddress.getByName("192.0.2.25"), "mail.example.com",
                "bounce@example.com");
        String b = RawMessage.parse(signed).headers().getFirst().unfoldedValue().replaceAll("(?s).*b=", "")
                .replaceAll("\\s", "").substring(0, 12);
        String header = b.contains("/") ? "\"" + b + "\"" : b;
        assertEquals("Authentication-Results: mx.mailkeep.test;\r\n"
                + "\tspf=pass (example.com: matched ip4:192.0.2.0/24) smtp.mailfrom=example.com;\r\n"
                + "\tdkim=pass (256-bit key; signature verified) header.d=example.com header.s=brisbane"
                + " header.a=ed25519-sha256 header.b=" + header + ";\r\n"
                + "\tdmarc=pass (p=reject dis=none; DKIM aligned with example.com) header.from=example.com\r\n",
                v.headers().get(0));
        assertEquals("Received-SPF: pass (mx.mailkeep.test: domain of bounce@example.com designates 192.0.2.25"
                + " as permitted sender)\r\n\tclient-ip=192.0.2.25;\r\n\tenvelope-from=\"bounce@example.com\";\r\n"
                + "\thelo=mail.example.com;\r\n\treceiver=mx.mailkeep.test;\r\n\tidentity=mailfrom;\r\n",
                v.headers().get(1));
        assertEquals(Disposition.NONE, v.disposition());
        assertFalse(v.temporaryFailure());
    }

    @Test
    void forgedMessageIsRejectedAndForgedResultsRemoved() throws Exception {
        byte[] forged = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        AuthenticationVerdict v = auth.check(forged, InetAddress.getByName("203.0.113.9"), "evil.example", "joe@example.com");
        assertEquals(Disposition.REJECT, v.disposition());
        assertTrue(v.headers().get(0).contains("\tspf=fail ("), v.headers().get(0));
        assertTrue(v.headers().get(0).contains("\tdkim=none;\r\n"), v.headers().get(0));
        assertTrue(v.headers().get(0).contains("\tdmarc=fail (p=reject dis=reject;"), v.headers().get(0));
        String stored = new String(v.applyTo(forged), StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith("Authentication-Results: mx.mailkeep.test;\r\n"), stored);
        assertFalse(stored.contains("MX.Mailkeep.Test"), "the forged field claiming our authserv-id is gone");
        assertTrue(stored.contains("Authentication-Results: relay.example.net; spf=fail\r\n"), "other servers' results stay");
        assertTrue(stored.endsWith("\r\n\r\nHi Ann.\r\n"));
    }

    @Test
    void nullReversePathUsesHeloAndDnsTroubleIsTemporary() throws Exception {
        FakeDnsResolver broken = new FakeDnsResolver().timeout("example.com").timeout("_dmarc.example.com");
        MessageAuthenticator a = new MessageAuthenticator(broken, "mx.mailkeep.test");
        AuthenticationVerdict v = a.check(MESSAGE.getBytes(StandardCharsets.US_ASCII), InetAddress.getByName("192.0.2.25"),
                "example.com", "");
        assertEquals("helo", v.spf().identity());
        assertTrue(v.headers().get(0).contains("spf=temperror ("), v.headers().get(0));
        assertTrue(v.headers().get(0).contains(" smtp.helo=example.com;"), v.headers().get(0));
        assertTrue(v.headers().get(1).contains("\tenvelope-from=\"\";\r\n"), v.headers().get(1));
        assertTrue(v.headers().get(1).contains("\tproblem=\"DNS failure looking up SPF record of example.com"), v.headers().get(1));
        assertTrue(v.temporaryFailure());
    }

    @Test
    void authservIdIsFoundBehindComments() {
        assertEquals("mx.example", ClaimedResults.authservId(" (comment (nested)) mx.example 1; spf=pass"));
        assertEquals("my id", ClaimedResults.authservId("\"my id\"; none"));
    }
}
