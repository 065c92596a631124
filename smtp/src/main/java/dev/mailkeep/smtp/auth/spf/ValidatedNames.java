// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import dev.mailkeep.smtp.dns.DnsResolver;
import dev.mailkeep.smtp.dns.DnsResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "validated domain names" of an IP address (RFC 7208 section 5.5): PTR names, at most
 * 10 of them, whose forward lookup gives the address back. Used by the ptr mechanism and
 * the %{p} macro.
 */
final class ValidatedNames {
    static final int MAX_PTR_NAMES = 10;

    private ValidatedNames() {}

    /** The PTR lookup result; temporary failures and void answers are the caller's business. */
    static DnsResult<String> ptr(DnsResolver dns, InetAddress ip) {
        return dns.ptr(ip);
    }

    /** Names among the first 10 PTR names that resolve back to {@code ip}; names whose lookup fails are skipped. */
    static List<String> validate(DnsResolver dns, InetAddress ip, List<String> ptrNames) {
        List<String> valid = new ArrayList<>();
        for (String name : ptrNames.subList(0, Math.min(MAX_PTR_NAMES, ptrNames.size()))) {
            List<? extends InetAddress> addresses = ip instanceof Inet4Address
                    ? dns.a(name).valuesOrEmpty() : dns.aaaa(name).valuesOrEmpty();
            if (addresses.contains(ip)) {
                valid.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return valid;
    }

    /** Whether {@code name} is {@code domain} or below it, ignoring case and a trailing dot. */
    static boolean isWithin(String name, String domain) {
        String n = strip(name);
        String d = strip(domain);
        return n.equals(d) || n.endsWith("." + d);
    }

    /** %{p}: a validated name equal to the domain, else one below it, else any, else "unknown" (section 7.3). */
    static String forMacro(DnsResolver dns, InetAddress ip, String domain) {
        DnsResult<String> ptr = dns.ptr(ip);
        List<String> valid = validate(dns, ip, ptr.valuesOrEmpty());
        for (String n : valid) {
            if (strip(n).equals(strip(domain))) {
                return n;
            }
        }
        for (String n : valid) {
            if (isWithin(n, domain)) {
                return n;
            }
        }
        return valid.isEmpty() ? "unknown" : valid.getFirst();
    }

    private static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
