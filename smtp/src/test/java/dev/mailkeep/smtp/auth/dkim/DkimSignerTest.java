// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the signer writes: tags, header list with over-signing, dual signatures, expiry, line lengths. */
class DkimSignerTest {
    private static final byte[] MESSAGE = """
            From: Alice <alice@example.com>
            To: Bob <bob@example.net>
            Cc: Carol <carol@example.net>
            Subject: Report
            Date: Mon, 23 Nov 2026 12:00:00 +0000
            Message-ID: <2@example.com>
            Received: from somewhere
            X-Mailer: test

            Numbers attached.
            """.getBytes(StandardCharsets.UTF_8);

    private static final PrivateKey rsa = DkimKeys.generate(2048).getPrivate();
    private static final PrivateKey ed = DkimKeys.generate(0).getPrivate();
    private final FakeDnsResolver dns = new FakeDnsResolver()
            .txt("r1._domainkey.example.com", DkimKeys.keyRecord(rsa))
            .txt("e1._domainkey.example.com", DkimKeys.keyRecord(ed));

    @Test
    void dualSignatureVerifiesWithBothKeys() {
        DkimSigner signer = new DkimSigner(List.of(new DkimSigningKey("Example.com", "r1", rsa),
                new DkimSigningKey("example.com", "e1", ed)));
        byte[] signed = signer.signAndPrepend(MESSAGE);
        List<DkimResult> results = new DkimVerifier(dns).verify(signed);
        assertEquals(List.of(DkimStatus.PASS, DkimStatus.PASS), results.stream().map(DkimResult::status).toList());
        assertEquals(List.of("rsa-sha256", "ed25519-sha256"), results.stream().map(DkimResult::algorithm).toList());
        assertEquals(2048, results.getFirst().keyBits());
    }

    @Test
    void defaultsAreRelaxedAndOverSignFromToSubjectDate() {
        String field = new DkimSigner(List.of(new DkimSigningKey("example.com", "e1", ed))).sign(MESSAGE).getFirst();
        String unfolded = field.replace("\r\n\t", " ");
        assertTrue(unfolded.contains("c=relaxed/relaxed;"), unfolded);
        assertTrue(unfolded.contains("h=from:from:subject:subject:date:date:message-id:to:to:cc;"), unfolded);
        for (String line : field.split("\r\n")) {
            assertTrue(line.length() <= 78, line);
        }
    }

    @Test
    void overSignedFieldsCannotBeAddedLater() {
        byte[] signed = new DkimSigner(List.of(new DkimSigningKey("example.com", "e1", ed))).signAndPrepend(MESSAGE);
        String s = new String(signed, StandardCharsets.ISO_8859_1);
        byte[] withExtraSubject = s.replace("Received:", "Subject: Invoice overdue\r\nReceived:").getBytes(StandardCharsets.ISO_8859_1);
        byte[] withExtraHeader = s.replace("Received:", "X-Spam: no\r\nReceived:").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(DkimStatus.FAIL, new DkimVerifier(dns).verify(withExtraSubject).getFirst().status());
        assertEquals(DkimStatus.PASS, new DkimVerifier(dns).verify(withExtraHeader).getFirst().status());
    }

    @Test
    void simpleCanonicalizationAndExpiry() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        DkimSigner signer = new DkimSigner(List.of(new DkimSigningKey("example.com", "r1", rsa)), Canonicalization.SIMPLE,
                Canonicalization.SIMPLE, Duration.ofDays(7), Clock.fixed(now, ZoneOffset.UTC));
        byte[] signed = signer.signAndPrepend(MESSAGE);
        String field = RawMessage.parse(signed).headers().getFirst().unfoldedValue();
        assertTrue(field.contains("t=" + now.getEpochSecond() + ";"), field);
        assertTrue(field.contains("x=" + now.plus(Duration.ofDays(7)).getEpochSecond() + ";"), field);
        DkimVerifier inTime = new DkimVerifier(dns, Clock.fixed(now.plusSeconds(3600), ZoneOffset.UTC), 5);
        DkimVerifier late = new DkimVerifier(dns, Clock.fixed(now.plus(Duration.ofDays(8)), ZoneOffset.UTC), 5);
        assertEquals(DkimStatus.PASS, inTime.verify(signed).getFirst().status());
        assertEquals(DkimStatus.POLICY, late.verify(signed).getFirst().status());
    }

    @Test
    void messageWithoutFromIsRefused() {
        DkimSigner signer = new DkimSigner(List.of(new DkimSigningKey("example.com", "e1", ed)));
        assertThrows(IllegalArgumentException.class, () -> signer.sign("To: x@example.net\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
