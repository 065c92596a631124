// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.bench;

import dev.mailkeep.smtp.auth.dkim.DkimKeys;
import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dkim.DkimSigner;
import dev.mailkeep.smtp.auth.dkim.DkimSigningKey;
import dev.mailkeep.smtp.auth.dkim.DkimStatus;
import dev.mailkeep.smtp.auth.dkim.DkimVerifier;
import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM on a 10 KB message: verification with one rsa-sha256 (2048-bit) or one ed25519-sha256
 * signature, key lookups served from memory and decoded keys cached; signing with each key;
 * the same verification stopped at a body-hash mismatch (everything but the public-key step);
 * and, as the yardstick, a plain SHA-256 of the same bytes and the header/body split alone.
 * Single-threaded: results are operations per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DkimBenchmark {
    private byte[] message;
    private byte[] rsaSigned;
    private byte[] edSigned;
    private byte[] edBodyChanged;
    private DkimVerifier verifier;
    private DkimSigner rsaSigner;
    private DkimSigner edSigner;

    @Setup
    public void setUp() {
        message = BenchMessages.tenKilobytes();
        PrivateKey rsa = DkimKeys.generate(2048).getPrivate();
        PrivateKey ed = DkimKeys.generate(0).getPrivate();
        FakeDnsResolver dns = new FakeDnsResolver()
                .txt("rsa._domainkey.football.example.com", DkimKeys.keyRecord(rsa))
                .txt("ed._domainkey.football.example.com", DkimKeys.keyRecord(ed));
        rsaSigner = new DkimSigner(List.of(new DkimSigningKey("football.example.com", "rsa", rsa)));
        edSigner = new DkimSigner(List.of(new DkimSigningKey("football.example.com", "ed", ed)));
        rsaSigned = rsaSigner.signAndPrepend(message);
        edSigned = edSigner.signAndPrepend(message);
        edBodyChanged = edSigned.clone();
        edBodyChanged[edBodyChanged.length - 3] ^= 1;
        verifier = new DkimVerifier(dns);
        for (byte[] m : List.of(rsaSigned, edSigned)) {
            if (verifier.verify(m).getFirst().status() != DkimStatus.PASS) {
                throw new IllegalStateException("benchmark message does not verify");
            }
        }
    }

    @Benchmark
    public List<DkimResult> verifyRsa2048() {
        return verifier.verify(rsaSigned);
    }

    @Benchmark
    public List<DkimResult> verifyEd25519() {
        return verifier.verify(edSigned);
    }

    /** Parse, canonicalize and hash the body, then stop at the body hash mismatch: verification minus the public-key operation. */
    @Benchmark
    public List<DkimResult> verifyUpToBodyHash() {
        return verifier.verify(edBodyChanged);
    }

    @Benchmark
    public List<String> signRsa2048() {
        return rsaSigner.sign(message);
    }

    @Benchmark
    public List<String> signEd25519() {
        return edSigner.sign(message);
    }

    @Benchmark
    public byte[] sha256Baseline() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(edSigned);
    }

    @Benchmark
    public RawMessage parseOnly() {
        return RawMessage.parse(edSigned);
    }
}
