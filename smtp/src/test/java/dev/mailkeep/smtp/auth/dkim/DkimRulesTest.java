// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.append;
import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.prepend;
import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.replace;
import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.signRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One negative (and its positive twin) for each verification rule of RFC 6376, RFC 8301 and RFC 8463. */
class DkimRulesTest {
    private static final String MESSAGE = """
            From: Alice <alice@example.com>\r
            To: Bob <bob@example.net>\r
            Subject: Lunch  on\r
             Friday\r
            Date: Mon, 23 Nov 2026 12:00:00 +0000\r
            Message-ID: <1@example.com>\r
            \r
            Shall we meet   at noon?  \r
            \r
            Alice\r
            \r
            \r
            """;
    private static final long NOW = 1_795_000_000L;
    private static PrivateKey rsa;
    private static PrivateKey rsa512;
    private static PrivateKey ed;
    private static FakeDnsResolver dns;

    @BeforeAll
    static void keys() throws Exception {
        rsa = DkimTestSupport.key("dkimpy-testdata/test.private");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        KeyPair weak = g.generateKeyPair();
        rsa512 = weak.getPrivate();
        ed = DkimKeys.generate(0).getPrivate();
        String rsaP = DkimKeys.keyRecord(rsa).substring(DkimKeys.keyRecord(rsa).indexOf("p="));
        dns = new FakeDnsResolver()
                .txt("rsa._domainkey.example.com", DkimKeys.keyRecord(rsa))
                .txt("ed._domainkey.example.com", DkimKeys.keyRecord(ed))
                .txt("weak._domainkey.example.com", DkimKeys.keyRecord(rsa512))
                .txt("testing._domainkey.example.com", "v=DKIM1; t=y; " + rsaP)
                .txt("strict._domainkey.example.com", "v=DKIM1; t=s; " + rsaP)
                .txt("revoked._domainkey.example.com", "v=DKIM1; p=")
                .txt("sha1only._domainkey.example.com", "v=DKIM1; h=sha1; " + rsaP)
                .txt("web._domainkey.example.com", "v=DKIM1; s=web; " + rsaP)
                .txt("emailsvc._domainkey.example.com", "v=DKIM1; s=email; " + rsaP)
                .txt("edtype._domainkey.example.com", "v=DKIM1; k=ed25519; " + rsaP)
                .txt("vlate._domainkey.example.com", "k=rsa; v=DKIM1; " + rsaP)
                .txt("split._domainkey.example.com", "v=DKIM1; k=rsa; ", rsaP)
                .timeout("slow._domainkey.example.com");
    }

    private static byte[] message() {
        return MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static DkimResult verify(byte[] signed) {
        List<DkimResult> results = new DkimVerifier(dns, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), 5)
                .verify(signed);
        return results.getFirst();
    }

    private static DkimResult rsa(String tags) throws Exception {
        return verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from:to:subject; " + tags, rsa, "rsa"));
    }

    private static void assertStatus(DkimStatus expected, DkimResult r) {
        assertEquals(expected, r.status(), r.reason());
    }

    @Test
    void simpleCanonicalizationBreaksOnWhitespaceChangesRelaxedDoesNot() throws Exception {
        for (String c : List.of("c=simple/simple", "c=relaxed/relaxed")) {
            byte[] signed = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from:subject; " + c, rsa, "rsa");
            byte[] headerTouched = replace(signed, "Subject: Lunch  on\r\n Friday", "subject:Lunch on Friday ");
            byte[] bodyTouched = replace(signed, "meet   at noon?  \r\n", "meet at noon?\r\n");
            DkimStatus expected = c.contains("simple") ? DkimStatus.FAIL : DkimStatus.PASS;
            assertStatus(DkimStatus.PASS, verify(signed));
            assertStatus(expected, verify(headerTouched));
            assertStatus(expected, verify(bodyTouched));
        }
    }

    @Test
    void trailingEmptyLinesNeverMatter() throws Exception {
        for (String c : List.of("c=simple/simple", "c=relaxed/relaxed")) {
            byte[] signed = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; " + c, rsa, "rsa");
            assertStatus(DkimStatus.PASS, verify(append(signed, "\r\n\r\n")));
        }
    }

    @Test
    void changedBodyFailsTheBodyHash() throws Exception {
        byte[] signed = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from", rsa, "rsa");
        DkimResult r = verify(replace(signed, "noon", "nine"));
        assertStatus(DkimStatus.FAIL, r);
        assertEquals("body hash did not verify", r.reason());
    }

    @Test
    void changedSignedHeaderFailsTheSignature() throws Exception {
        DkimResult r = verify(replace(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from:to", rsa, "rsa"),
                "bob@example.net", "eve@example.net"));
        assertStatus(DkimStatus.FAIL, r);
        assertEquals("signature did not verify", r.reason());
    }

    @Test
    void bodyLengthLimitsWhatIsSignedButNotBeyondTheBody() throws Exception {
        byte[] signed = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; l=10", rsa, "rsa");
        assertStatus(DkimStatus.PASS, verify(append(signed, "Appended by a list.\r\n")));
        assertStatus(DkimStatus.FAIL, verify(replace(signed, "Shall", "Shell")));
        byte[] tooLong = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; l=5000", rsa, "rsa");
        assertStatus(DkimStatus.FAIL, verify(tooLong));
    }

    @Test
    void overSigningStopsAddedFieldsSingleSigningDoesNot() throws Exception {
        String forged = "From: Mallory <boss@example.com>\r\n";
        byte[] once = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from:subject", rsa, "rsa");
        byte[] twice = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from:from:subject", rsa, "rsa");
        assertStatus(DkimStatus.PASS, verify(twice));
        assertStatus(DkimStatus.PASS, verify(insertAfterSignature(once, forged)));
        assertStatus(DkimStatus.FAIL, verify(insertAfterSignature(twice, forged)));
    }

    private static byte[] insertAfterSignature(byte[] signed, String field) {
        String s = new String(signed, StandardCharsets.ISO_8859_1);
        int from = s.indexOf("From:");
        return (s.substring(0, from) + field + s.substring(from)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void expiryAndTimestamp() throws Exception {
        assertStatus(DkimStatus.PASS, rsa("t=" + (NOW - 100) + "; x=" + (NOW + 100)));
        DkimResult expired = rsa("t=" + (NOW - 100) + "; x=" + (NOW - 1));
        assertStatus(DkimStatus.POLICY, expired);
        assertTrue(expired.reason().startsWith("signature expired"));
        assertStatus(DkimStatus.NEUTRAL, rsa("t=" + (NOW + 100) + "; x=" + (NOW + 50)));
        assertStatus(DkimStatus.NEUTRAL, rsa("t=soon"));
    }

    @Test
    void identityMustBeWithinTheSigningDomain() throws Exception {
        assertStatus(DkimStatus.PASS, rsa("i=alice@mail.example.com"));
        assertStatus(DkimStatus.PASS, rsa("i=@example.com"));
        DkimResult outside = rsa("i=alice@example.org");
        assertStatus(DkimStatus.NEUTRAL, outside);
        assertEquals("i=alice@example.org is not within d=example.com", outside.reason());
        assertStatus(DkimStatus.NEUTRAL, rsa("i=alice@badexample.com"));
    }

    @Test
    void requiredTagsVersionAndFrom() throws Exception {
        assertStatus(DkimStatus.NEUTRAL, verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; h=from", rsa, "rsa")));
        assertStatus(DkimStatus.NEUTRAL, verify(signRaw(message(), "v=2; a=rsa-sha256; d=example.com; s=rsa; h=from", rsa, "rsa")));
        DkimResult noFrom = verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=to:subject", rsa, "rsa"));
        assertStatus(DkimStatus.NEUTRAL, noFrom);
        assertEquals("h= does not sign the From field", noFrom.reason());
        assertStatus(DkimStatus.NEUTRAL, rsa("c=fancy/simple"));
        assertStatus(DkimStatus.NEUTRAL, rsa("q=https"));
        assertStatus(DkimStatus.NEUTRAL, verify(prepend("DKIM-Signature: v=1; v=1; a=rsa-sha256\r\n", message())));
    }

    @Test
    void algorithms() throws Exception {
        assertStatus(DkimStatus.PASS, verify(signRaw(message(), "v=1; a=ed25519-sha256; d=example.com; s=ed; h=from", ed, "ed25519")));
        DkimResult sha1 = verify(signRaw(message(), "v=1; a=rsa-sha1; d=example.com; s=rsa; h=from", rsa, "rsa"));
        assertStatus(DkimStatus.POLICY, sha1);
        assertEquals("rsa-sha1 is not accepted (RFC 8301)", sha1.reason());
        assertStatus(DkimStatus.NEUTRAL, verify(signRaw(message(), "v=1; a=dsa-sha256; d=example.com; s=rsa; h=from", rsa, "rsa")));
        DkimResult weak = verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=weak; h=from", rsa512, "rsa"));
        assertStatus(DkimStatus.POLICY, weak);
        assertEquals(512, weak.keyBits());
        DkimResult wrongType = verify(signRaw(message(), "v=1; a=ed25519-sha256; d=example.com; s=rsa; h=from", ed, "ed25519"));
        assertStatus(DkimStatus.PERMERROR, wrongType);
    }

    @Test
    void keyRecordTags() throws Exception {
        DkimResult testing = verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=testing; h=from", rsa, "rsa"));
        assertStatus(DkimStatus.PASS, testing);
        assertTrue(testing.testing());
        assertStatus(DkimStatus.PASS, verify(signRaw(message(),
                "v=1; a=rsa-sha256; d=example.com; s=strict; h=from; i=a@example.com", rsa, "rsa")));
        assertStatus(DkimStatus.PERMERROR, verify(signRaw(message(),
                "v=1; a=rsa-sha256; d=example.com; s=strict; h=from; i=a@sub.example.com", rsa, "rsa")));
        DkimResult revoked = verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=revoked; h=from", rsa, "rsa"));
        assertStatus(DkimStatus.PERMERROR, revoked);
        assertEquals("key revoked (empty p=)", revoked.reason());
        for (String s : List.of("sha1only", "web", "edtype", "vlate")) {
            assertStatus(DkimStatus.PERMERROR, verify(signRaw(message(),
                    "v=1; a=rsa-sha256; d=example.com; s=" + s + "; h=from", rsa, "rsa")));
        }
        for (String s : List.of("emailsvc", "split")) {
            assertStatus(DkimStatus.PASS, verify(signRaw(message(),
                    "v=1; a=rsa-sha256; d=example.com; s=" + s + "; h=from", rsa, "rsa")));
        }
    }

    @Test
    void keyLookupOutcomes() throws Exception {
        assertStatus(DkimStatus.PERMERROR, verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=missing; h=from", rsa, "rsa")));
        assertStatus(DkimStatus.TEMPERROR, verify(signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=slow; h=from", rsa, "rsa")));
    }

    @Test
    void everySignatureGetsItsOwnResultUpToTheLimit() throws Exception {
        byte[] m = signRaw(message(), "v=1; a=rsa-sha256; d=example.com; s=rsa; h=from", rsa, "rsa");
        m = signRaw(m, "v=1; a=rsa-sha256; d=example.com; s=missing; h=from", rsa, "rsa");
        m = signRaw(m, "v=1; a=ed25519-sha256; d=example.com; s=ed; h=from", ed, "ed25519");
        List<DkimResult> all = new DkimVerifier(dns).verify(m);
        assertEquals(List.of(DkimStatus.PASS, DkimStatus.PERMERROR, DkimStatus.PASS), all.stream().map(DkimResult::status).toList());
        assertEquals(2, new DkimVerifier(dns, Clock.systemUTC(), 2).verify(m).size());
    }
}
