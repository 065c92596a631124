// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dmarc.DmarcOutcome;
import dev.mailkeep.smtp.auth.dmarc.DmarcRecord;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the Authentication-Results field, RFC 8601 section 2.2: the authserv-id, then one
 * resinfo for SPF (RFC 7208 section 9.2: smtp.mailfrom or smtp.helo), one per DKIM signature
 * (header.d, header.s, header.b of RFC 6008; "dkim=none" when unsigned) and one for DMARC
 * (header.from, with the policy in a comment, RFC 7489 section 11.2).
 */
public final class AuthenticationResults {
    private AuthenticationResults() {}

    /** Characters of b= shown in header.b; RFC 6008 section 4 asks for at least 8. */
    static final int HEADER_B_LENGTH = 12;

    public static String render(String authservId, SpfCheck spf, List<DkimResult> dkim, DmarcOutcome dmarc) {
        List<String> clauses = new ArrayList<>();
        if (spf != null) {
            clauses.add(spf(spf));
        }
        if (dkim.isEmpty()) {
            clauses.add("dkim=none");
        }
        for (DkimResult r : dkim) {
            clauses.add(dkim(r));
        }
        if (dmarc != null) {
            clauses.add(dmarc(dmarc));
        }
        return HeaderText.field("Authentication-Results", HeaderText.value(authservId), clauses);
    }

    private static String spf(SpfCheck spf) {
        String property = spf.identity().equals("helo")
                ? "smtp.helo=" + HeaderText.value(spf.helo())
                : "smtp.mailfrom=" + HeaderText.value(spf.domain());
        return "spf=" + spf.result().keyword() + " " + HeaderText.comment(spf.outcome().reason()) + " " + property;
    }

    private static String dkim(DkimResult r) {
        StringBuilder s = new StringBuilder("dkim=").append(r.status().keyword()).append(' ');
        String key = r.keyBits() > 0 ? r.keyBits() + "-bit key" + (r.testing() ? ", testing" : "") + "; " : "";
        s.append(HeaderText.comment(key + r.reason()));
        if (r.domain() != null) {
            s.append(" header.d=").append(HeaderText.value(r.domain()));
        }
        if (r.selector() != null) {
            s.append(" header.s=").append(HeaderText.value(r.selector()));
        }
        if (r.algorithm() != null) {
            s.append(" header.a=").append(HeaderText.value(r.algorithm()));
        }
        if (r.signature() != null && !r.signature().isEmpty()) {
            String b = r.signature().substring(0, Math.min(HEADER_B_LENGTH, r.signature().length()));
            s.append(" header.b=").append(HeaderText.value(b));
        }
        return s.toString();
    }

    private static String dmarc(DmarcOutcome d) {
        StringBuilder s = new StringBuilder("dmarc=").append(d.result().keyword()).append(' ');
        DmarcRecord rec = d.record();
        String policy = rec == null ? d.reason()
                : "p=" + rec.policy().keyword()
                        + (rec.subdomainPolicy() == null ? "" : " sp=" + rec.subdomainPolicy().keyword())
                        + (rec.percent() == 100 ? "" : " pct=" + rec.percent())
                        + " dis=" + d.disposition().keyword() + "; " + d.reason();
        s.append(HeaderText.comment(policy));
        if (d.fromDomain() != null) {
            s.append(" header.from=").append(HeaderText.value(d.fromDomain()));
        }
        return s.toString();
    }
}
