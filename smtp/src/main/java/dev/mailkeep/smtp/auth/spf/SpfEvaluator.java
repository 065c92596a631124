// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import dev.mailkeep.smtp.dns.DnsResolver;
import dev.mailkeep.smtp.dns.DnsResult;
import dev.mailkeep.smtp.dns.TxtRecord;
import java.util.List;

/**
 * check_host(), RFC 7208 section 4: initial processing (4.3), record lookup and selection
 * (4.4, 4.5), parsing (4.6), directive evaluation in order (4.6.2, 5), then redirect (6.1)
 * or the default neutral result, and the explanation of a fail (6.2). One {@link DnsBudget}
 * spans the whole evaluation including includes and redirects (4.6.4).
 */
final class SpfEvaluator {
    /** The explanation of a fail when the domain publishes none (RFC 7208 section 6.2). */
    static final String DEFAULT_EXPLANATION = "the domain's SPF policy does not authorize this host";

    private final DnsResolver dns;
    private final MechanismMatcher matcher;

    SpfEvaluator(DnsResolver dns) {
        this.dns = dns;
        this.matcher = new MechanismMatcher(dns);
    }

    SpfOutcome checkHost(MacroContext ctx) {
        return evaluate(ctx, new DnsBudget());
    }

    private SpfOutcome evaluate(MacroContext ctx, DnsBudget budget) {
        try {
            return evaluateOrThrow(ctx, budget);
        } catch (SpfException e) {
            return SpfOutcome.of(e.result(), e.getMessage());
        }
    }

    private SpfOutcome evaluateOrThrow(MacroContext ctx, DnsBudget budget) throws SpfException {
        String domain = ctx.domain();
        if (!wellFormed(domain)) {
            return SpfOutcome.of(SpfResult.NONE, "'" + domain + "' is not a valid domain name");
        }
        SpfRecord record = lookupRecord(domain);
        if (record == null) {
            return SpfOutcome.of(SpfResult.NONE, "no SPF record at " + domain);
        }
        for (Directive d : record.directives()) {
            if (d.mechanism().queriesDns()) {
                budget.countTerm(d.text());
            }
            if (matches(d.mechanism(), ctx, budget, d.text())) {
                SpfResult result = d.qualifier().result;
                String reason = domain + ": matched " + d.text();
                return result == SpfResult.FAIL
                        ? new SpfOutcome(result, explain(record, ctx), reason)
                        : SpfOutcome.of(result, reason);
            }
        }
        if (record.redirect() != null) {
            budget.countTerm("redirect");
            String target = MacroExpander.expandDomain(record.redirect(), ctx);
            SpfOutcome redirected = evaluate(ctx.withDomain(target), budget);
            if (redirected.result() == SpfResult.NONE) {
                return SpfOutcome.of(SpfResult.PERMERROR, domain + ": redirect target " + target + " has no SPF record");
            }
            return redirected;
        }
        return SpfOutcome.of(SpfResult.NEUTRAL, domain + ": no mechanism matched");
    }

    /** Sections 4.4 and 4.5: exactly one TXT record starting "v=spf1", or none at all. */
    private SpfRecord lookupRecord(String domain) throws SpfException {
        DnsResult<TxtRecord> txt = dns.txt(domain);
        if (txt instanceof DnsResult.TempFail<TxtRecord> t) {
            throw SpfException.temperror("DNS failure looking up SPF record of " + domain + ": " + t.reason());
        }
        List<String> spf = txt.valuesOrEmpty().stream().map(TxtRecord::text)
                .filter(SpfRecordParser::isSpfRecord).toList();
        if (spf.size() > 1) {
            throw SpfException.permerror(domain + " publishes " + spf.size() + " SPF records");
        }
        if (spf.isEmpty()) {
            return null;
        }
        try {
            return SpfRecordParser.parse(spf.getFirst());
        } catch (SpfException e) {
            throw SpfException.permerror(domain + ": " + e.getMessage());
        }
    }

    private boolean matches(Mechanism m, MacroContext ctx, DnsBudget budget, String term) throws SpfException {
        return switch (m) {
            case Mechanism.All all -> true;
            case Mechanism.Include inc -> include(MacroExpander.expandDomain(inc.domain(), ctx), ctx, budget, term);
            case Mechanism.A a -> matcher.a(target(a.domain(), ctx), a.cidr4(), a.cidr6(), ctx, budget, term);
            case Mechanism.Mx mx -> matcher.mx(target(mx.domain(), ctx), mx.cidr4(), mx.cidr6(), ctx, budget, term);
            case Mechanism.Ptr ptr -> matcher.ptr(target(ptr.domain(), ctx), ctx, budget, term);
            case Mechanism.Ip4 ip -> MechanismMatcher.ip(ip.network(), ip.prefix(), ctx.ip());
            case Mechanism.Ip6 ip -> MechanismMatcher.ip(ip.network(), ip.prefix(), ctx.ip());
            case Mechanism.Exists ex -> matcher.exists(MacroExpander.expandDomain(ex.domain(), ctx), budget, term);
        };
    }

    /** Section 5.2: the included domain's result decides match, no match, or an error. */
    private boolean include(String target, MacroContext ctx, DnsBudget budget, String term) throws SpfException {
        SpfOutcome inner = evaluate(ctx.withDomain(target), budget);
        return switch (inner.result()) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            case TEMPERROR -> throw SpfException.temperror(term + ": " + inner.reason());
            case PERMERROR -> throw SpfException.permerror(term + ": " + inner.reason());
            case NONE -> throw SpfException.permerror(term + ": " + target + " has no SPF record");
        };
    }

    private static String target(MacroString domain, MacroContext ctx) {
        return domain == null ? ctx.domain() : MacroExpander.expandDomain(domain, ctx);
    }

    /** Section 6.2: the exp= text if it can be fetched and expanded cleanly, else the default. */
    private String explain(SpfRecord record, MacroContext ctx) {
        if (record.exp() == null) {
            return DEFAULT_EXPLANATION;
        }
        String target = MacroExpander.expandDomain(record.exp(), ctx);
        if (!wellFormed(target)) {
            return DEFAULT_EXPLANATION;
        }
        DnsResult<TxtRecord> txt = dns.txt(target);
        if (!(txt instanceof DnsResult.Records<TxtRecord> records) || records.values().size() != 1) {
            return DEFAULT_EXPLANATION;
        }
        String text = records.values().getFirst().text();
        try {
            return MacroExpander.expand(MacroString.parseExplanation(text), ctx);
        } catch (SpfException e) {
            return DEFAULT_EXPLANATION;
        }
    }

    /** Section 4.3: a multi-label name, labels of 1 to 63 octets, not a domain literal. */
    static boolean wellFormed(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > 253 || d.startsWith("[")) {
            return false;
        }
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }
}
