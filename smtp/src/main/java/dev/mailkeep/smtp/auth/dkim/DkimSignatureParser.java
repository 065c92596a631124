// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a DKIM-Signature value and applies the checks of RFC 6376 section 6.1.1: required
 * tags, v=1, a known algorithm (rsa-sha1 refused, RFC 8301), h= containing From, i= within
 * d=, x= not before t=. Syntax problems are {@link DkimStatus#NEUTRAL}; refusals by policy
 * {@link DkimStatus#POLICY}.
 */
final class DkimSignatureParser {
    private DkimSignatureParser() {}

    static DkimSignature parse(String value) throws DkimException {
        Map<String, String> t = TagList.parse(value, DkimStatus.NEUTRAL);
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (!t.containsKey(required)) {
                throw neutral("missing required tag " + required + "=");
            }
        }
        if (!t.get("v").equals("1")) {
            throw neutral("unsupported version v=" + t.get("v"));
        }
        String a = t.get("a");
        if (a.equalsIgnoreCase("rsa-sha1")) {
            throw new DkimException(DkimStatus.POLICY, "rsa-sha1 is not accepted (RFC 8301)");
        }
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(a);
        if (algorithm == null) {
            throw neutral("unknown algorithm a=" + a);
        }
        String c = t.getOrDefault("c", "simple/simple");
        int slash = c.indexOf('/');
        Canonicalization headerCanon = Canonicalization.fromTag(slash < 0 ? c : c.substring(0, slash));
        Canonicalization bodyCanon = slash < 0 ? Canonicalization.SIMPLE
                : c.indexOf('/', slash + 1) < 0 ? Canonicalization.fromTag(c.substring(slash + 1)) : null;
        if (headerCanon == null || bodyCanon == null) {
            throw neutral("unknown canonicalization c=" + c);
        }
        String q = t.get("q");
        if (q != null && !List.of(q.split(":")).stream().map(String::strip).toList().contains("dns/txt")) {
            throw neutral("unsupported query method q=" + q);
        }
        String domain = t.get("d");
        if (!isDomainName(domain) || domain.length() > 253) {
            throw neutral("invalid domain d=" + domain);
        }
        String selector = t.get("s");
        if (!isDomainName(selector)) {
            throw neutral("invalid selector s=" + selector);
        }
        List<String> signed = signedNames(t.get("h"));
        if (!signed.contains("from")) {
            throw neutral("h= does not sign the From field");
        }
        String identity = t.getOrDefault("i", "@" + domain);
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw neutral("invalid identity i=" + identity);
        }
        String idDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
        if (!idDomain.equals(d) && !idDomain.endsWith("." + d)) {
            throw neutral("i=" + identity + " is not within d=" + domain);
        }
        long l = number(t, "l");
        long ts = number(t, "t");
        long x = number(t, "x");
        if (x >= 0 && ts >= 0 && x < ts) {
            throw neutral("x= is before t=");
        }
        FoldedBase64 b = base64(t.get("b"), "b");
        FoldedBase64 bh = base64(t.get("bh"), "bh");
        return new DkimSignature(algorithm, headerCanon, bodyCanon, d, selector.toLowerCase(Locale.ROOT), identity,
                signed, l, ts, x, b.octets(), bh.octets(), b.text());
    }

    /**
     * The h= names, FWS trimmed, lower case, in order: the pieces between colons, trailing
     * colons ignored (a value of only colons names nothing), any other empty piece an error.
     */
    private static List<String> signedNames(String h) throws DkimException {
        List<String> signed = new ArrayList<>();
        int end = h.length();
        while (end > 0 && h.charAt(end - 1) == ':') {
            end--;
        }
        if (end == 0 && !h.isEmpty()) {
            return signed;
        }
        for (int from = 0;;) {
            int colon = h.indexOf(':', from);
            int to = colon < 0 || colon > end ? end : colon;
            String name = TagList.trimFws(h, from, to);
            if (name.isEmpty()) {
                throw neutral("empty header name in h=");
            }
            signed.add(name.toLowerCase(Locale.ROOT));
            if (to == end) {
                return signed;
            }
            from = to + 1;
        }
    }

    private static long number(Map<String, String> t, String tag) throws DkimException {
        String v = t.get(tag);
        if (v == null) {
            return -1;
        }
        if (!isNumber(v)) {
            throw neutral("invalid number " + tag + "=" + v);
        }
        return Long.parseLong(v);
    }

    /** Whether {@code s} is 1 to 12 ASCII digits (what the regex {@code [0-9]{1,12}} matches). */
    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 12) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static FoldedBase64 base64(String value, String tag) throws DkimException {
        FoldedBase64 decoded = FoldedBase64.decode(value);
        if (decoded == null) {
            throw neutral("invalid base64 in " + tag + "=");
        }
        return decoded;
    }

    /**
     * Whether {@code s} is dot-separated labels of 1 to 63 letters, digits, '_' and '-', none
     * starting or ending with '-', with an optional final dot (section 3.5, d= and s=; the
     * underscore as selectors and DNS in practice allow it).
     */
    static boolean isDomainName(String s) {
        int end = s.endsWith(".") ? s.length() - 1 : s.length();
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || s.charAt(i) == '.') {
                int length = i - labelStart;
                if (length < 1 || length > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!isLabelChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /**
     * Whether {@code s} is base64 characters then at most two '=' (what the regex
     * {@code [A-Za-z0-9+/]*={0,2}} matches): the first half of the rule {@link FoldedBase64}
     * applies in its single pass, kept as the reference its tests compare it with.
     */
    static boolean isBase64(String s) {
        int i = 0;
        while (i < s.length() && isBase64Char(s.charAt(i))) {
            i++;
        }
        int padding = s.length() - i;
        for (; i < s.length(); i++) {
            if (s.charAt(i) != '=') {
                return false;
            }
        }
        return padding <= 2;
    }

    private static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static DkimException neutral(String reason) {
        return new DkimException(DkimStatus.NEUTRAL, reason);
    }
}
