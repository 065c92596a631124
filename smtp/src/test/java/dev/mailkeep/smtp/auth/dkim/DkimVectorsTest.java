// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.key;
import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.text;
import static dev.mailkeep.smtp.auth.dkim.DkimTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Published vectors: RFC 8463 Appendix A and the dkimpy test data. */
class DkimVectorsTest {

    /** football.example.com as RFC 8463 A.2 publishes it, the keys derived from the A.1 private keys. */
    static FakeDnsResolver football() throws Exception {
        FakeDnsResolver dns = new FakeDnsResolver();
        dns.txt("brisbane._domainkey.football.example.com",
                DkimKeys.keyRecord(DkimKeys.ed25519FromSeed(Base64.getDecoder().decode(text("rfc8463/ed25519-brisbane.seed.b64")))));
        dns.txt("test._domainkey.football.example.com", DkimKeys.keyRecord(key("rfc8463/rsa-test.private.pem")));
        return dns;
    }

    @Test
    void rfc8463KeyRecordsMatchTheRfcText() throws Exception {
        FakeDnsResolver dns = football();
        assertEquals("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                dns.txt("brisbane._domainkey.football.example.com").valuesOrEmpty().getFirst().text());
        assertEquals(DkimKeys.readPrivateKey(text("rfc8463/ed25519-brisbane.pem")).getEncoded().length, 48);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rfc8463/signed-A3-relaxed.eml, 'pass,pass'",
        "rfc8463/signed-draft-simple.eml, 'pass,pass'",
        "rfc8463/signed-draft-rsa-only.eml, pass",
        "dkimpy-testdata/rfc6376.signed.msg, 'pass,pass'",
        "dkimpy-testdata/rfc6376.signed.rsa.msg, pass",
    })
    void rfc8463Examples(String file, String expected) throws Exception {
        List<DkimResult> results = new DkimVerifier(football()).verify(vector(file));
        assertEquals(expected, String.join(",", results.stream().map(r -> r.status().keyword()).toList()),
                results.toString());
    }

    @Test
    void rfc8463A3HasOneSignaturePerAlgorithm() throws Exception {
        List<DkimResult> results = new DkimVerifier(football()).verify(vector("rfc8463/signed-A3-relaxed.eml"));
        assertEquals(List.of("ed25519-sha256", "rsa-sha256"), results.stream().map(DkimResult::algorithm).toList());
        assertEquals(List.of("brisbane", "test"), results.stream().map(DkimResult::selector).toList());
        assertEquals(1024, results.get(1).keyBits());
    }

    @Test
    void eximEd25519SignatureVerifies() throws Exception {
        FakeDnsResolver dns = new FakeDnsResolver().txt("sed._domainkey.test.ex", text("dkimpy-testdata/eximtest.dns"));
        List<DkimResult> results = new DkimVerifier(dns).verify(vector("dkimpy-testdata/ed25519test2.msg"));
        assertEquals(DkimStatus.PASS, results.getFirst().status(), results.toString());
    }

    @Test
    void degenerateFoldingVerifies() throws Exception {
        String key = new String(DkimVectorsTest.class.getResourceAsStream("/auth/dkim/gmail-20120113.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.US_ASCII);
        FakeDnsResolver dns = new FakeDnsResolver().txt("20120113._domainkey.gmail.com", key);
        List<DkimResult> results = new DkimVerifier(dns).verify(vector("dkimpy-testdata/test2.message"));
        assertEquals(DkimStatus.PASS, results.getFirst().status(), results.toString());
    }

    @Test
    void domainWithCommentCharacterIsRejected() throws Exception {
        FakeDnsResolver dns = new FakeDnsResolver().txt("test._domainkey.legitimate.com(.attacker.com",
                text("dkimpy-testdata/test.txt"));
        DkimResult r = new DkimVerifier(dns).verify(vector("dkimpy-testdata/test.message.baddomain")).getFirst();
        assertEquals(DkimStatus.NEUTRAL, r.status());
        assertEquals("invalid domain d=legitimate.com(.attacker.com", r.reason());
    }

    /** dkimpy's test_extra_headers: every field signed, repeated Received fields included, all four c= pairs. */
    @ParameterizedTest(name = "c={0}")
    @CsvSource({"simple/simple", "simple/relaxed", "relaxed/simple", "relaxed/relaxed"})
    void repeatedFieldsAboveFrom(String canon) throws Exception {
        byte[] message = vector("dkimpy-testdata/message.mbox");
        var parsed = dev.mailkeep.smtp.auth.message.RawMessage.parse(message);
        String h = String.join(":", parsed.headers().stream().map(f -> f.lowerName()).toList());
        byte[] signed = DkimTestSupport.signRaw(message, "v=1; a=rsa-sha256; c=" + canon + "; d=example.com; s=test; h=" + h,
                key("dkimpy-testdata/test.private"), "rsa");
        FakeDnsResolver dns = new FakeDnsResolver().txt("test._domainkey.example.com", text("dkimpy-testdata/test.txt"));
        assertEquals(DkimStatus.PASS, new DkimVerifier(dns).verify(signed).getFirst().status());
    }

    /** dkimpy's keys: signed by Mailkeep, verified against the key records dkimpy publishes for them. */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "test.private, test.txt, pass",
        "test.private, test2.txt, pass",
        "2048_testkey.key, 2048_testkey_wo_markers.pub.txt, pass",
        "2048_testkey.key, 2048_testkey_wo_markers.pub.rsa.txt, pass",
        "2048_testkey_PKCS8.key, 2048_testkey_PKCS8.key.pub.txt, pass",
        "ed25519test.key, ed25519test.dns, pass",
        "test.private, test_bad.txt, permerror",
        "test.private, badk.txt, permerror",
        "test.private, badversion.txt, permerror",
        "test.private, test_tlsrpt.txt, permerror",
        "2048_testkey.key, test.txt, fail",
    })
    void dkimpyKeys(String privateKey, String keyRecord, String expected) throws Exception {
        byte[] message = vector("dkimpy-testdata/test.message");
        DkimSigner signer = new DkimSigner(List.of(new DkimSigningKey("example.com", "test",
                key("dkimpy-testdata/" + privateKey))));
        FakeDnsResolver dns = new FakeDnsResolver().txt("test._domainkey.example.com", text("dkimpy-testdata/" + keyRecord));
        DkimResult r = new DkimVerifier(dns).verify(signer.signAndPrepend(message)).getFirst();
        assertEquals(expected, r.status().keyword(), r.reason());
    }
}
