// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dkim.DkimStatus;
import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import dev.mailkeep.smtp.auth.spf.SpfResult;
import dev.mailkeep.smtp.dns.DnsResolver;
import dev.mailkeep.smtp.dns.DnsResult;
import dev.mailkeep.smtp.dns.TxtRecord;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * DMARC evaluation, RFC 7489 section 6.6: the From domain (6.6.1), policy discovery at the
 * From domain then its organizational domain (6.6.3), identifier alignment of the SPF and
 * DKIM results (3.1), and the disposition after sp= and pct= (6.6.4). Thread-safe.
 */
public final class DmarcVerifier {
    private final DnsResolver dns;
    private final PublicSuffixList psl;
    private final IntSupplier percentile;

    /**
     * @param percentile draws a number in 0..99 for pct= sampling (section 6.6.4)
     */
    public DmarcVerifier(DnsResolver dns, PublicSuffixList psl, IntSupplier percentile) {
        this.dns = dns;
        this.psl = psl;
        this.percentile = percentile;
    }

    public DmarcVerifier(DnsResolver dns) {
        this(dns, PublicSuffixList.bundled(), () -> java.util.concurrent.ThreadLocalRandom.current().nextInt(100));
    }

    public DmarcOutcome verify(RawMessage message, SpfCheck spf, List<DkimResult> dkim) {
        String[] problem = new String[1];
        String from = FromDomain.of(message, problem);
        if (from == null) {
            return DmarcOutcome.without(DmarcResult.PERMERROR, null, problem[0]);
        }
        return verify(from, spf, dkim);
    }

    public DmarcOutcome verify(String fromDomain, SpfCheck spf, List<DkimResult> dkim) {
        String orgDomain = psl.organizationalDomain(fromDomain);
        String policyDomain = fromDomain;
        DmarcRecord record;
        try {
            record = discover(fromDomain);
            if (record == null && !orgDomain.equals(fromDomain)) {
                policyDomain = orgDomain;
                record = discover(orgDomain);
            }
        } catch (Temporary e) {
            return DmarcOutcome.without(DmarcResult.TEMPERROR, fromDomain, e.getMessage());
        } catch (DmarcRecord.Invalid e) {
            return DmarcOutcome.without(DmarcResult.PERMERROR, fromDomain, "invalid DMARC record: " + e.getMessage());
        }
        if (record == null) {
            return DmarcOutcome.without(DmarcResult.NONE, fromDomain, "no DMARC record for " + fromDomain);
        }
        DmarcRecord policy = record;
        boolean spfAligned = spf != null && spf.result() == SpfResult.PASS
                && aligned(spf.domain(), fromDomain, record.strictSpf());
        boolean dkimAligned = dkim.stream().anyMatch(r -> r.status() == DkimStatus.PASS && r.domain() != null
                && aligned(r.domain(), fromDomain, policy.strictDkim()));
        if (spfAligned || dkimAligned) {
            return new DmarcOutcome(DmarcResult.PASS, fromDomain, record, policyDomain, Disposition.NONE, spfAligned,
                    dkimAligned, (dkimAligned ? "DKIM" : "SPF") + " aligned with " + fromDomain);
        }
        Disposition requested = policyDomain.equals(fromDomain) || record.subdomainPolicy() == null
                ? record.policy() : record.subdomainPolicy();
        boolean sampled = record.percent() == 100 || percentile.getAsInt() < record.percent();
        Disposition disposition = sampled ? requested : requested.relaxed();
        return new DmarcOutcome(DmarcResult.FAIL, fromDomain, record, policyDomain, disposition, false, false,
                "neither SPF nor DKIM aligned with " + fromDomain
                        + (sampled ? "" : " (pct=" + record.percent() + " sampled this message out)"));
    }

    /** Section 3.1.1/3.1.2: strict means equal names, relaxed equal organizational domains. */
    boolean aligned(String authenticated, String from, boolean strict) {
        String a = authenticated.toLowerCase(java.util.Locale.ROOT);
        if (strict) {
            return a.equals(from);
        }
        return psl.organizationalDomain(a).equals(psl.organizationalDomain(from));
    }

    private static final class Temporary extends Exception {
        private static final long serialVersionUID = 1L;

        Temporary(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Section 6.6.3 steps 1-6 for one name: exactly one v=DMARC1 record, or none. */
    private DmarcRecord discover(String domain) throws Temporary, DmarcRecord.Invalid {
        DnsResult<TxtRecord> r = dns.txt("_dmarc." + domain);
        if (r instanceof DnsResult.TempFail<TxtRecord> t) {
            throw new Temporary("DMARC record lookup failed for " + domain + ": " + t.reason());
        }
        List<String> records = r.valuesOrEmpty().stream().map(TxtRecord::text).filter(DmarcRecord::isDmarc).toList();
        if (records.size() != 1) {
            return null;
        }
        return DmarcRecord.parse(records.getFirst());
    }
}
