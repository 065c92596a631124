// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import dev.mailkeep.smtp.auth.message.HeaderField;
import dev.mailkeep.smtp.auth.message.RawMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The RFC5322.From domain DMARC evaluates (RFC 7489 section 3.1 and 6.6.1): exactly one From
 * field whose addresses all share one domain. Comments, quoted display names and groups are
 * skipped when looking for addr-specs.
 */
final class FromDomain {
    private FromDomain() {}

    /** The domain, lower case; or null with the reason put in {@code problem[0]}. */
    static String of(RawMessage message, String[] problem) {
        List<HeaderField> from = message.all("From");
        if (from.size() != 1) {
            problem[0] = from.isEmpty() ? "no From field" : from.size() + " From fields";
            return null;
        }
        Set<String> domains = domains(from.getFirst().unfoldedValue());
        if (domains.size() != 1) {
            problem[0] = domains.isEmpty() ? "no domain in the From field" : "From field names several domains";
            return null;
        }
        return domains.iterator().next();
    }

    static Set<String> domains(String value) {
        String plain = stripCommentsAndQuotes(value);
        Set<String> out = new LinkedHashSet<>();
        for (String part : plain.split(",")) {
            String p = part;
            int lt = p.lastIndexOf('<');
            if (lt >= 0) {
                int gt = p.indexOf('>', lt);
                p = gt < 0 ? p.substring(lt + 1) : p.substring(lt + 1, gt);
            } else {
                int colon = p.indexOf(':');
                p = colon >= 0 ? p.substring(colon + 1) : p;
                p = p.replace(";", "");
            }
            int at = p.lastIndexOf('@');
            if (at < 0) {
                continue;
            }
            String d = p.substring(at + 1).strip().toLowerCase(Locale.ROOT);
            if (d.endsWith(".")) {
                d = d.substring(0, d.length() - 1);
            }
            if (!d.isEmpty() && !d.contains(" ")) {
                out.add(d);
            }
        }
        return out;
    }

    private static String stripCommentsAndQuotes(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && c == '"') {
                quoted = true;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
