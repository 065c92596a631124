// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import dev.mailkeep.smtp.dns.DnsResolver;
import dev.mailkeep.smtp.dns.DnsResult;
import dev.mailkeep.smtp.dns.MxRecord;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Decides whether one mechanism matches the client address, RFC 7208 section 5. The include
 * mechanism recurses into check_host() through {@link SpfEvaluator}; all others are here.
 */
final class MechanismMatcher {
    static final int MAX_MX_NAMES = 10;

    private final DnsResolver dns;

    MechanismMatcher(DnsResolver dns) {
        this.dns = dns;
    }

    /** Section 5.3: the target's A (IPv4 client) or AAAA (IPv6 client) records. */
    boolean a(String target, int cidr4, int cidr6, MacroContext ctx, DnsBudget budget, String term)
            throws SpfException {
        DnsResult<? extends InetAddress> r = addresses(target, ctx.ip());
        if (r instanceof DnsResult.TempFail<?> t) {
            throw SpfException.temperror("DNS failure at " + term + ": " + t.reason());
        }
        if (r.isVoid()) {
            budget.countVoid(term);
        }
        return anyInNetwork(r.valuesOrEmpty(), ctx.ip(), cidr4, cidr6);
    }

    /** Section 5.4: addresses of at most 10 MX hosts of the target. */
    boolean mx(String target, int cidr4, int cidr6, MacroContext ctx, DnsBudget budget, String term)
            throws SpfException {
        DnsResult<MxRecord> r = dns.mx(target);
        if (r instanceof DnsResult.TempFail<MxRecord> t) {
            throw SpfException.temperror("DNS failure at " + term + ": " + t.reason());
        }
        if (r.isVoid()) {
            budget.countVoid(term);
            return false;
        }
        List<MxRecord> hosts = r.valuesOrEmpty();
        if (hosts.size() > MAX_MX_NAMES) {
            throw SpfException.permerror("more than " + MAX_MX_NAMES + " MX records at " + term);
        }
        for (MxRecord mx : hosts) {
            if (mx.exchange().isEmpty()) {
                continue;
            }
            DnsResult<? extends InetAddress> addrs = addresses(mx.exchange(), ctx.ip());
            if (addrs instanceof DnsResult.TempFail<?> t) {
                throw SpfException.temperror("DNS failure at " + term + ": " + t.reason());
            }
            if (anyInNetwork(addrs.valuesOrEmpty(), ctx.ip(), cidr4, cidr6)) {
                return true;
            }
        }
        return false;
    }

    /** Section 5.5: a validated PTR name at or below the target; DNS errors mean no match. */
    boolean ptr(String target, MacroContext ctx, DnsBudget budget, String term) throws SpfException {
        DnsResult<String> r = ValidatedNames.ptr(dns, ctx.ip());
        if (r.isVoid()) {
            budget.countVoid(term);
            return false;
        }
        for (String name : ValidatedNames.validate(dns, ctx.ip(), r.valuesOrEmpty())) {
            if (ValidatedNames.isWithin(name, target)) {
                return true;
            }
        }
        return false;
    }

    /** Section 5.7: any A record at the target, whatever the client's address family. */
    boolean exists(String target, DnsBudget budget, String term) throws SpfException {
        DnsResult<Inet4Address> r = dns.a(target);
        if (r instanceof DnsResult.TempFail<Inet4Address> t) {
            throw SpfException.temperror("DNS failure at " + term + ": " + t.reason());
        }
        if (r.isVoid()) {
            budget.countVoid(term);
            return false;
        }
        return true;
    }

    /** Section 5.6. */
    static boolean ip(InetAddress network, int prefix, InetAddress client) {
        return IpText.inNetwork(client, network, prefix);
    }

    private DnsResult<? extends InetAddress> addresses(String name, InetAddress client) {
        return client instanceof Inet4Address ? dns.a(name) : dns.aaaa(name);
    }

    private static boolean anyInNetwork(List<? extends InetAddress> addresses, InetAddress ip, int cidr4, int cidr6) {
        int prefix = ip instanceof Inet4Address ? cidr4 : cidr6;
        for (InetAddress a : addresses) {
            if (IpText.inNetwork(ip, a, prefix)) {
                return true;
            }
        }
        return false;
    }
}
