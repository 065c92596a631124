// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DKIM-Signature reader as it was before b= and bh= were decoded straight from the tag
 * value and h= and c= were read without String.split (RFC 6376 sections 3.5 and 6.1.1): the
 * oracle of {@link DkimSignatureParser}, kept word for word.
 */
final class ReferenceSignatureParser {
    private ReferenceSignatureParser() {}

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
        String[] cs = c.split("/", -1);
        Canonicalization headerCanon = Canonicalization.fromTag(cs[0]);
        Canonicalization bodyCanon = cs.length == 1 ? Canonicalization.SIMPLE
                : cs.length == 2 ? Canonicalization.fromTag(cs[1]) : null;
        if (headerCanon == null || bodyCanon == null) {
            throw neutral("unknown canonicalization c=" + c);
        }
        String q = t.get("q");
        if (q != null && !List.of(q.split(":")).stream().map(String::strip).toList().contains("dns/txt")) {
            throw neutral("unsupported query method q=" + q);
        }
        String domain = t.get("d");
        if (!DkimSignatureParser.isDomainName(domain) || domain.length() > 253) {
            throw neutral("invalid domain d=" + domain);
        }
        String selector = t.get("s");
        if (!DkimSignatureParser.isDomainName(selector)) {
            throw neutral("invalid selector s=" + selector);
        }
        List<String> signed = new ArrayList<>();
        for (String h : t.get("h").split(":")) {
            String name = TagList.trimFws(h);
            if (name.isEmpty()) {
                throw neutral("empty header name in h=");
            }
            signed.add(name.toLowerCase(Locale.ROOT));
        }
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
        String b64 = TagList.removeFws(t.get("b"));
        long l = number(t, "l");
        long ts = number(t, "t");
        long x = number(t, "x");
        if (x >= 0 && ts >= 0 && x < ts) {
            throw neutral("x= is before t=");
        }
        return new DkimSignature(algorithm, headerCanon, bodyCanon, d, selector.toLowerCase(Locale.ROOT), identity,
                signed, l, ts, x, base64(b64, "b"), base64(t.get("bh"), "bh"), b64);
    }

    private static long number(Map<String, String> t, String tag) throws DkimException {
        String v = t.get(tag);
        if (v == null) {
            return -1;
        }
        if (!DkimSignatureParser.isNumber(v)) {
            throw neutral("invalid number " + tag + "=" + v);
        }
        return Long.parseLong(v);
    }

    static byte[] base64(String value, String tag) throws DkimException {
        String s = TagList.removeFws(value);
        if (!DkimSignatureParser.isBase64(s)) {
            throw neutral("invalid base64 in " + tag + "=");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw neutral("invalid base64 in " + tag + "=");
        }
    }

    private static DkimException neutral(String reason) {
        return new DkimException(DkimStatus.NEUTRAL, reason);
    }
}
