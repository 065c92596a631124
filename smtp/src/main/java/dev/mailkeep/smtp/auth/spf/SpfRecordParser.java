// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SPF record into directives and modifiers, RFC 7208 sections 4.6 and 12 (ABNF).
 * Any syntax error anywhere is a permerror before evaluation starts (section 4.6).
 */
final class SpfRecordParser {
    private SpfRecordParser() {}

    private static final Pattern VERSION = Pattern.compile("(?i)v=spf1(?: .*)?", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern DOMAIN_AND_CIDR = Pattern.compile("(?::(.*?))?(?:/([0-9]+))?(?://([0-9]+))?",
            Pattern.DOTALL);
    private static final Pattern TOPLABEL = Pattern.compile(
            "[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

    /** Whether a TXT record's text is an SPF record at all (section 4.5): "v=spf1" then a space or the end. */
    static boolean isSpfRecord(String text) {
        return VERSION.matcher(text).matches();
    }

    static SpfRecord parse(String text) throws SpfException {
        if (!isSpfRecord(text)) {
            throw SpfException.permerror("not an SPF record");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e) {
                throw SpfException.permerror("non-ASCII character in SPF record");
            }
        }
        List<Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString exp = null;
        for (String term : text.substring("v=spf1".length()).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher name = NAME.matcher(term);
            boolean modifier = name.lookingAt() && name.end() < term.length() && term.charAt(name.end()) == '=';
            if (!modifier) {
                directives.add(directive(term));
                continue;
            }
            String key = name.group().toLowerCase(Locale.ROOT);
            String value = term.substring(name.end() + 1);
            switch (key) {
                case "redirect" -> {
                    if (redirect != null) {
                        throw SpfException.permerror("more than one redirect modifier");
                    }
                    redirect = domainSpec(value, term);
                }
                case "exp" -> {
                    if (exp != null) {
                        throw SpfException.permerror("more than one exp modifier");
                    }
                    exp = domainSpec(value, term);
                }
                default -> MacroString.parse(value);
            }
        }
        return new SpfRecord(directives, redirect, exp);
    }

    private static Directive directive(String term) throws SpfException {
        Qualifier qualifier = Qualifier.of(term.charAt(0));
        String body = qualifier == null ? term : term.substring(1);
        if (qualifier == null) {
            qualifier = Qualifier.PASS;
        }
        Matcher name = NAME.matcher(body);
        if (!name.lookingAt()) {
            throw SpfException.permerror("invalid term '" + term + "'");
        }
        String mech = name.group().toLowerCase(Locale.ROOT);
        String rest = body.substring(name.end());
        Mechanism m = switch (mech) {
            case "all" -> {
                requireEmpty(rest, term);
                yield new Mechanism.All();
            }
            case "include" -> new Mechanism.Include(requiredDomain(rest, term));
            case "exists" -> new Mechanism.Exists(requiredDomain(rest, term));
            case "ptr" -> new Mechanism.Ptr(optionalDomain(rest, term));
            case "a", "mx" -> {
                Matcher dc = DOMAIN_AND_CIDR.matcher(rest);
                if (!dc.matches()) {
                    throw SpfException.permerror("invalid mechanism '" + term + "'");
                }
                MacroString domain = dc.group(1) == null ? null : domainSpec(dc.group(1), term);
                int cidr4 = cidr(dc.group(2), 32, term);
                int cidr6 = cidr(dc.group(3), 128, term);
                yield mech.equals("a") ? new Mechanism.A(domain, cidr4, cidr6) : new Mechanism.Mx(domain, cidr4, cidr6);
            }
            case "ip4" -> ip(rest, term, false);
            case "ip6" -> ip(rest, term, true);
            default -> throw SpfException.permerror("unknown mechanism '" + term + "'");
        };
        return new Directive(qualifier, m, term);
    }

    private static Mechanism ip(String rest, String term, boolean v6) throws SpfException {
        if (!rest.startsWith(":")) {
            throw SpfException.permerror("missing address in '" + term + "'");
        }
        String value = rest.substring(1);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        int prefix = slash < 0 ? (v6 ? 128 : 32) : cidr(value.substring(slash + 1), v6 ? 128 : 32, term);
        InetAddress network = v6 ? IpText.parseIp6(address) : IpText.parseIp4(address);
        if (network == null) {
            throw SpfException.permerror("invalid address in '" + term + "'");
        }
        return v6 ? new Mechanism.Ip6(network, prefix) : new Mechanism.Ip4(network, prefix);
    }

    /** ip4-cidr-length / ip6-cidr-length: no leading zeros, within the address size. */
    private static int cidr(String digits, int max, String term) throws SpfException {
        if (digits == null) {
            return max;
        }
        if (!digits.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(digits) > max) {
            throw SpfException.permerror("invalid CIDR length in '" + term + "'");
        }
        return Integer.parseInt(digits);
    }

    private static void requireEmpty(String rest, String term) throws SpfException {
        if (!rest.isEmpty()) {
            throw SpfException.permerror("invalid mechanism '" + term + "'");
        }
    }

    private static MacroString requiredDomain(String rest, String term) throws SpfException {
        if (!rest.startsWith(":")) {
            throw SpfException.permerror("missing domain in '" + term + "'");
        }
        return domainSpec(rest.substring(1), term);
    }

    private static MacroString optionalDomain(String rest, String term) throws SpfException {
        return rest.isEmpty() ? null : requiredDomain(rest, term);
    }

    /** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
    static MacroString domainSpec(String text, String term) throws SpfException {
        MacroString spec = MacroString.parse(text);
        if (spec.endsWithMacro()) {
            return spec;
        }
        String tail = spec.trailingLiteral();
        if (tail.endsWith(".")) {
            tail = tail.substring(0, tail.length() - 1);
        }
        int dot = tail.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(tail.substring(dot + 1)).matches()) {
            throw SpfException.permerror("invalid domain-spec in '" + term + "'");
        }
        return spec;
    }
}
