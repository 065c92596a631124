// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.bench;

import dev.mailkeep.smtp.auth.spf.SpfCheck;
import dev.mailkeep.smtp.auth.spf.SpfResult;
import dev.mailkeep.smtp.auth.spf.SpfVerifier;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.net.InetAddress;
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
 * SPF check_host() of a typical provider-style policy (a, mx, two includes, ip4/ip6 ranges,
 * a macro in exists), answered from memory: the cost of evaluation itself, not of DNS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpfBenchmark {
    private SpfVerifier spf;
    private InetAddress passing;
    private InetAddress failing;

    @Setup
    public void setUp() throws Exception {
        FakeDnsResolver dns = FakeDnsResolver.fromZone("""
                example.com TXT "v=spf1 a mx include:_spf.mailer.example include:_spf.crm.example exists:%{i}._spf.%{d} ~all"
                example.com A 198.51.100.1
                example.com MX 10 mx1.example.com
                mx1.example.com A 198.51.100.2
                _spf.mailer.example TXT "v=spf1 ip4:203.0.113.0/25 ip4:203.0.113.128/26 ip6:2001:db8:1::/48 -all"
                _spf.crm.example TXT "v=spf1 ip4:192.0.2.0/24 -all"
                """);
        spf = new SpfVerifier(dns, "mx.mailkeep.test");
        passing = InetAddress.getByName("192.0.2.77");
        failing = InetAddress.getByName("233.252.0.1");
        if (spf.check(passing, "mail.example.com", "a@example.com").result() != SpfResult.PASS
                || spf.check(failing, "mail.example.com", "a@example.com").result() != SpfResult.SOFTFAIL) {
            throw new IllegalStateException("benchmark policy does not evaluate as intended");
        }
    }

    @Benchmark
    public SpfCheck passThroughSecondInclude() {
        return spf.check(passing, "mail.example.com", "a@example.com");
    }

    @Benchmark
    public SpfCheck softfailAfterAllTerms() {
        return spf.check(failing, "mail.example.com", "a@example.com");
    }
}
