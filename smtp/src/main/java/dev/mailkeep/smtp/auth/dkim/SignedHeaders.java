// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.message.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the header part of the data a DKIM signature covers, RFC 6376 section 5.4.2 and
 * 3.7: for each name in h=, the last not-yet-used field of that name, bottom up (a name with
 * no field left adds nothing, which is how over-signing works), canonicalized; then the
 * DKIM-Signature field itself with an empty b= value and without its final CRLF.
 */
final class SignedHeaders {
    private SignedHeaders() {}

    static byte[] data(List<HeaderField> headers, HeaderField self, List<String> names, Canonicalization c) {
        Map<String, Integer> nextFromBottom = new HashMap<>();
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            int from = nextFromBottom.getOrDefault(name, headers.size() - 1);
            int i = from;
            while (i >= 0 && (headers.get(i) == self || !headers.get(i).is(name))) {
                i--;
            }
            if (i >= 0) {
                out.append(c.header(headers.get(i)));
            }
            nextFromBottom.put(name, i - 1);
        }
        String sig = c.header(withoutSignatureValue(self.raw()));
        out.append(sig, 0, sig.length() - 2);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The raw field with the value of its b= tag removed, whitespace and all (section 3.5, b=). */
    static String withoutSignatureValue(String raw) {
        int colon = raw.indexOf(':');
        int end = raw.endsWith("\r\n") ? raw.length() - 2 : raw.length();
        int specStart = colon + 1;
        while (specStart <= end) {
            int semi = raw.indexOf(';', specStart);
            int specEnd = semi < 0 || semi > end ? end : semi;
            int eq = raw.indexOf('=', specStart);
            if (eq >= 0 && eq < specEnd && TagList.trimFws(raw.substring(specStart, eq)).equals("b")) {
                return raw.substring(0, eq + 1) + raw.substring(specEnd);
            }
            specStart = specEnd + 1;
        }
        return raw;
    }

    /** The h= names a signer lists: each present field of {@code candidates} as often as it occurs, plus one more for {@code overSign}. */
    static List<String> choose(List<HeaderField> headers, List<String> candidates, List<String> overSign) {
        List<String> names = new ArrayList<>();
        for (String name : candidates) {
            long count = headers.stream().filter(h -> h.is(name)).count();
            long times = count + (overSign.contains(name) ? 1 : 0);
            for (long i = 0; i < times; i++) {
                names.add(name);
            }
        }
        return names;
    }
}
