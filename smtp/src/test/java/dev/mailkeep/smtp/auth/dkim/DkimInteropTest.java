// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mailkeep.smtp.dns.DnsjavaResolver;
import dev.mailkeep.smtp.dns.LoopbackDnsServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * Interoperability with an independent implementation, dkimpy (Debian python3-dkim): messages
 * Mailkeep signs verify with {@code dkimverify}, and messages {@code dkimsign} signs verify in
 * Mailkeep, for RSA and Ed25519. Keys are published by a DNS server on loopback that both
 * sides query (dkimpy through a sitecustomize.py pointing dnspython at it). Skipped when the
 * tools are not installed, unless {@code -Dmailkeep.requireInterop=true}, then it fails.
 */
class DkimInteropTest {
    private static final byte[] MESSAGE = """
            From: Alice <alice@example.com>\r
            To: Bob <bob@example.net>\r
            Subject: Interop  check\r
            Date: Mon, 23 Nov 2026 12:00:00 +0000\r
            Message-ID: <interop@example.com>\r
            \r
            Hello from one implementation to another.\r
            \tIndented line  with  spaces.  \r
            \r
            """.getBytes(StandardCharsets.US_ASCII);

    private static LoopbackDnsServer dns;
    private static PrivateKey rsa;
    private static PrivateKey ed;
    private static byte[] edSeed;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        boolean present = tool("dkimverify") != null && tool("dkimsign") != null;
        if (!present && Boolean.getBoolean("mailkeep.requireInterop")) {
            fail("dkimverify/dkimsign (Debian package python3-dkim) are required but not installed");
        }
        Assumptions.assumeTrue(present, "python3-dkim not installed");
        rsa = DkimKeys.generate(2048).getPrivate();
        edSeed = new byte[32];
        new SecureRandom().nextBytes(edSeed);
        ed = DkimKeys.ed25519FromSeed(edSeed);
        dns = new LoopbackDnsServer();
        publish("mk-rsa._domainkey.example.com.", DkimKeys.keyRecord(rsa));
        publish("mk-ed._domainkey.example.com.", DkimKeys.keyRecord(ed));
        try (InputStream in = DkimInteropTest.class.getResourceAsStream("/auth/interop/sitecustomize.py")) {
            Files.write(dir.resolve("sitecustomize.py"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("ed.key"), Base64.getEncoder().encodeToString(edSeed) + "\n");
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (dns != null) {
            dns.close();
        }
    }

    private static void publish(String name, String text) throws Exception {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            chunks.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        dns.add(new TXTRecord(Name.fromString(name), DClass.IN, 300, chunks));
    }

    @ParameterizedTest(name = "Mailkeep {0} signature, c={1}/{2}, checked by dkimverify")
    @CsvSource({"mk-rsa, RELAXED, RELAXED", "mk-ed, RELAXED, RELAXED", "mk-rsa, SIMPLE, SIMPLE", "mk-ed, SIMPLE, RELAXED"})
    void dkimverifyAcceptsMailkeepSignatures(String selector, Canonicalization header, Canonicalization body)
            throws Exception {
        PrivateKey key = selector.equals("mk-rsa") ? rsa : ed;
        byte[] signed = new DkimSigner(List.of(new DkimSigningKey("example.com", selector, key)), header, body, null,
                java.time.Clock.systemUTC()).signAndPrepend(MESSAGE);
        Result r = run(signed, tool("dkimverify").toString());
        assertEquals(0, r.exit(), r.output());
        assertEquals("signature ok", r.output().strip());
    }

    @org.junit.jupiter.api.Test
    void dkimverifyRejectsATamperedMailkeepSignature() throws Exception {
        byte[] signed = new DkimSigner(List.of(new DkimSigningKey("example.com", "mk-ed", ed))).signAndPrepend(MESSAGE);
        byte[] tampered = DkimTestSupport.replace(signed, "Hello from", "Hello FROM");
        Result r = run(tampered, tool("dkimverify").toString());
        assertEquals(1, r.exit(), r.output());
        org.junit.jupiter.api.Assertions.assertTrue(r.output().contains("body hash mismatch"), r.output());
    }

    @ParameterizedTest(name = "dkimsign {1} c={2}/{3}, checked by Mailkeep")
    @CsvSource({"mk-rsa, rsa-sha256, relaxed, simple", "mk-ed, ed25519-sha256, relaxed, simple",
        "mk-rsa, rsa-sha256, simple, simple", "mk-ed, ed25519-sha256, relaxed, relaxed"})
    void mailkeepAcceptsDkimsignSignatures(String selector, String alg, String hcanon, String bcanon) throws Exception {
        String keyFile = dir.resolve(selector.equals("mk-rsa") ? "rsa.pem" : "ed.key").toString();
        Result r = run(MESSAGE, tool("dkimsign").toString(), selector, "example.com", keyFile, "--signalg", alg,
                "--hcanon", hcanon, "--bcanon", bcanon);
        assertEquals(0, r.exit(), r.output());
        DnsjavaResolver resolver = DnsjavaResolver.create(List.of(dns.address()), Duration.ofSeconds(2), 10);
        List<DkimResult> results = new DkimVerifier(resolver).verify(r.stdout());
        assertEquals(1, results.size(), r.output());
        assertEquals(DkimStatus.PASS, results.getFirst().status(), results.getFirst().reason());
        assertEquals(alg, results.getFirst().algorithm());
    }

    private record Result(int exit, byte[] stdout, String output) {}

    private static Result run(byte[] stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PYTHONPATH", dir.toString());
        pb.environment().put("MAILKEEP_DNS", dns.address().getAddress().getHostAddress() + ":" + dns.address().getPort());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        return new Result(p.exitValue(), out, new String(out, StandardCharsets.ISO_8859_1) + err);
    }

    private static Path tool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
