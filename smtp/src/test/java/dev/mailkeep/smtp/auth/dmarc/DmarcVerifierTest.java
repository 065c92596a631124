// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dkim.DkimStatus;
import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import dev.mailkeep.smtp.auth.spf.SpfOutcome;
import dev.mailkeep.smtp.auth.spf.SpfResult;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7489: discovery, alignment in both modes, p/sp/pct, invalid and multiple records, errors. */
class DmarcVerifierTest {
    private final FakeDnsResolver dns = FakeDnsResolver.fromZone("""
            _dmarc.example.com TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com"
            _dmarc.strict.example TXT "v=DMARC1; p=reject; adkim=s; aspf=s"
            _dmarc.sub.strict.example TXT "v=DMARC1; p=none"
            _dmarc.sampled.example TXT "v=DMARC1; p=reject; pct=50"
            _dmarc.twice.example TXT "v=DMARC1; p=reject"
            _dmarc.twice.example TXT "v=DMARC1; p=none"
            _dmarc.other.example TXT "v=spf1 -all"
            _dmarc.badp.example TXT "v=DMARC1; p=block"
            _dmarc.badprua.example TXT "v=DMARC1; p=block; rua=mailto:r@badprua.example"
            _dmarc.badpct.example TXT "v=DMARC1; p=reject; pct=150"
            _dmarc.slow.example TIMEOUT
            """);
    private int draw = 0;
    private final DmarcVerifier dmarc = new DmarcVerifier(dns, PublicSuffixList.bundled(), () -> draw);

    private static SpfCheck spf(SpfResult result, String domain) throws Exception {
        SpfOutcome outcome = new SpfOutcome(result, result == SpfResult.FAIL ? "no" : null, "test");
        return new SpfCheck("mailfrom", "x@" + domain, domain, InetAddress.getByName("192.0.2.1"), "h.example", outcome);
    }

    private static List<DkimResult> dkim(DkimStatus status, String d) {
        return List.of(new DkimResult(status, d, "s", "@" + d, "rsa-sha256", "abc", 2048, false, "test"));
    }

    @Test
    void relaxedAlignmentAcceptsSubdomainsOfTheOrganization() throws Exception {
        DmarcOutcome viaDkim = dmarc.verify("example.com", spf(SpfResult.FAIL, "bounce.other.net"),
                dkim(DkimStatus.PASS, "mail.example.com"));
        assertEquals(DmarcResult.PASS, viaDkim.result());
        assertTrue(viaDkim.dkimAligned());
        DmarcOutcome viaSpf = dmarc.verify("example.com", spf(SpfResult.PASS, "bounces.example.com"), List.of());
        assertEquals(DmarcResult.PASS, viaSpf.result());
        assertTrue(viaSpf.spfAligned());
        assertEquals(Disposition.NONE, viaSpf.disposition());
    }

    @Test
    void strictAlignmentWantsTheExactDomain() throws Exception {
        DmarcOutcome o = dmarc.verify("strict.example", spf(SpfResult.PASS, "mail.strict.example"),
                dkim(DkimStatus.PASS, "mail.strict.example"));
        assertEquals(DmarcResult.FAIL, o.result());
        assertEquals(Disposition.REJECT, o.disposition());
        assertEquals(DmarcResult.PASS, dmarc.verify("strict.example", spf(SpfResult.PASS, "strict.example"), List.of()).result());
    }

    @Test
    void onlyPassingResultsAlign() throws Exception {
        DmarcOutcome o = dmarc.verify("example.com", spf(SpfResult.SOFTFAIL, "example.com"),
                dkim(DkimStatus.FAIL, "example.com"));
        assertEquals(DmarcResult.FAIL, o.result());
        assertFalse(o.spfAligned() || o.dkimAligned());
    }

    @Test
    void subdomainPolicyAppliesWhenFoundAtTheOrganizationalDomain() throws Exception {
        DmarcOutcome sub = dmarc.verify("news.example.com", spf(SpfResult.FAIL, "x.net"), List.of());
        assertEquals("example.com", sub.policyDomain());
        assertEquals(Disposition.QUARANTINE, sub.disposition());
        assertEquals(Disposition.REJECT, dmarc.verify("example.com", spf(SpfResult.FAIL, "x.net"), List.of()).disposition());
        DmarcOutcome own = dmarc.verify("sub.strict.example", spf(SpfResult.FAIL, "x.net"), List.of());
        assertEquals("sub.strict.example", own.policyDomain());
        assertEquals(Disposition.NONE, own.disposition());
    }

    @Test
    void percentSamplesTheStricterPolicy() throws Exception {
        draw = 49;
        assertEquals(Disposition.REJECT, dmarc.verify("sampled.example", spf(SpfResult.FAIL, "x.net"), List.of()).disposition());
        draw = 50;
        DmarcOutcome out = dmarc.verify("sampled.example", spf(SpfResult.FAIL, "x.net"), List.of());
        assertEquals(DmarcResult.FAIL, out.result());
        assertEquals(Disposition.QUARANTINE, out.disposition());
    }

    @Test
    void recordSelectionAndValidity() throws Exception {
        assertEquals(DmarcResult.NONE, dmarc.verify("twice.example", spf(SpfResult.FAIL, "x.net"), List.of()).result());
        assertEquals(DmarcResult.NONE, dmarc.verify("other.example", spf(SpfResult.FAIL, "x.net"), List.of()).result());
        assertEquals(DmarcResult.NONE, dmarc.verify("nothing.example", spf(SpfResult.FAIL, "x.net"), List.of()).result());
        assertEquals(DmarcResult.PERMERROR, dmarc.verify("badp.example", spf(SpfResult.FAIL, "x.net"), List.of()).result());
        assertEquals(DmarcResult.PERMERROR, dmarc.verify("badpct.example", spf(SpfResult.FAIL, "x.net"), List.of()).result());
        DmarcOutcome asNone = dmarc.verify("badprua.example", spf(SpfResult.FAIL, "x.net"), List.of());
        assertEquals(DmarcResult.FAIL, asNone.result());
        assertEquals(Disposition.NONE, asNone.disposition());
    }

    @Test
    void dnsFailureIsTemporary() throws Exception {
        DmarcOutcome o = dmarc.verify("slow.example", spf(SpfResult.FAIL, "x.net"), List.of());
        assertEquals(DmarcResult.TEMPERROR, o.result());
        assertEquals(Disposition.NONE, o.disposition());
    }

    @Test
    void fromFieldMustNameOneDomain() throws Exception {
        assertEquals(DmarcResult.PERMERROR, dmarc.verify(message("To: a@b.example\r\n"), spf(SpfResult.PASS, "x.net"), List.of()).result());
        assertEquals(DmarcResult.PERMERROR, dmarc.verify(message("From: a@example.com\r\nFrom: b@example.com\r\n"),
                spf(SpfResult.PASS, "example.com"), List.of()).result());
        assertEquals(DmarcResult.PERMERROR, dmarc.verify(message("From: a@example.com, b@other.example\r\n"),
                spf(SpfResult.PASS, "example.com"), List.of()).result());
        assertEquals(DmarcResult.PASS, dmarc.verify(message("From: \"Doe, J (x@y.z)\" <j@Example.COM> (work)\r\n"),
                spf(SpfResult.PASS, "example.com"), List.of()).result());
    }

    @Test
    void fromDomainsSkipCommentsQuotesAndGroups() {
        assertEquals(Set.of("example.com"), FromDomain.domains("\"a@evil.example\" <me@example.com>"));
        assertEquals(Set.of("example.com"), FromDomain.domains("me@example.com (via a@evil.example)"));
        assertEquals(Set.of("a.example", "b.example"), FromDomain.domains("team: x@a.example, y@b.example;"));
    }

    private static RawMessage message(String headers) {
        return RawMessage.parse((headers + "\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
