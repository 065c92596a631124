// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.prepend;
import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.signRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several signatures on one message (RFC 6376 section 6.1, RFC 8463 section 5): the verifier
 * hashes the body once per canonicalization and l=, and each signature is still judged by
 * its own bh=, body canonicalization and l=.
 */
class DkimBodyHashSharingTest {
    private static final String MESSAGE = "From: Alice <alice@example.com>\r\nSubject: Hi\r\n\r\n"
            + "Shall we meet   at noon?  \r\n\r\nAlice\r\n\r\n";

    @Test
    void eachSignatureIsJudgedByItsOwnBodyForm() throws Exception {
        PrivateKey rsa = DkimKeys.generate(1024).getPrivate();
        PrivateKey ed = DkimKeys.generate(0).getPrivate();
        FakeDnsResolver dns = new FakeDnsResolver()
                .txt("rsa._domainkey.example.com", DkimKeys.keyRecord(rsa))
                .txt("ed._domainkey.example.com", DkimKeys.keyRecord(ed));
        String common = "v=1; d=example.com; h=from; ";
        byte[] m = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        m = signRaw(m, common + "a=rsa-sha256; s=rsa; c=relaxed/relaxed", rsa, "rsa");
        m = signRaw(m, common + "a=ed25519-sha256; s=ed; c=simple/simple", ed, "ed25519");
        m = signRaw(m, common + "a=ed25519-sha256; s=ed; c=relaxed/relaxed; l=10", ed, "ed25519");
        m = signRaw(m, common + "a=ed25519-sha256; s=ed; c=relaxed/relaxed", ed, "ed25519");
        byte[] otherBody = signRaw(MESSAGE.replace("noon", "nine").getBytes(StandardCharsets.ISO_8859_1),
                common + "a=rsa-sha256; s=rsa; c=relaxed/relaxed", rsa, "rsa");
        String foreignSignature = RawMessage.parse(otherBody).headers().getFirst().raw();
        m = prepend(foreignSignature, m);

        List<DkimResult> results = new DkimVerifier(dns).verify(m);

        assertEquals(List.of(DkimStatus.FAIL, DkimStatus.PASS, DkimStatus.PASS, DkimStatus.PASS, DkimStatus.PASS),
                results.stream().map(DkimResult::status).toList(), results::toString);
        assertEquals("body hash did not verify", results.getFirst().reason());
    }
}
