// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A DMARC policy record, RFC 7489 section 6.3.
 *
 * @param subdomainPolicy sp=, or null when absent (p= applies)
 * @param strictDkim adkim=s
 * @param strictSpf aspf=s
 * @param percent pct=, 0..100
 */
public record DmarcRecord(Disposition policy, Disposition subdomainPolicy, boolean strictDkim, boolean strictSpf,
                          int percent, List<String> rua) {
    public DmarcRecord {
        rua = List.copyOf(rua);
    }

    private static final Pattern VERSION = Pattern.compile("v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?", Pattern.DOTALL);

    /** Whether a TXT text is a DMARC record at all (section 6.6.3 step 4): it starts with v=DMARC1. */
    static boolean isDmarc(String text) {
        return VERSION.matcher(text).matches();
    }

    /** Thrown for a record DMARC cannot apply (section 6.6.3 step 6). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Parses a record. Unknown tags are ignored; a missing or bad p= (or a bad sp=) is
     * treated as p=none when rua= names a reporting URI, else the record is invalid (section
     * 6.6.3 step 6); bad adkim, aspf or pct values are invalid.
     */
    static DmarcRecord parse(String text) throws Invalid {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";")) {
            int eq = spec.indexOf('=');
            if (spec.isBlank()) {
                continue;
            }
            if (eq < 0) {
                throw new Invalid("malformed tag '" + spec.strip() + "'");
            }
            tags.putIfAbsent(spec.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), spec.substring(eq + 1).strip());
        }
        List<String> rua = new ArrayList<>();
        if (tags.containsKey("rua")) {
            for (String uri : tags.get("rua").split(",")) {
                String u = uri.strip();
                if (u.matches("(?i)[a-z][a-z0-9+.-]*:\\S+")) {
                    rua.add(u);
                }
            }
        }
        Disposition p = tags.containsKey("p") ? Disposition.parse(tags.get("p")) : null;
        Disposition sp = tags.containsKey("sp") ? Disposition.parse(tags.get("sp")) : null;
        boolean spInvalid = tags.containsKey("sp") && sp == null;
        if (p == null || spInvalid) {
            if (rua.isEmpty()) {
                throw new Invalid(p == null ? "no valid p= tag" : "invalid sp= tag");
            }
            p = Disposition.NONE;
            sp = null;
        }
        return new DmarcRecord(p, sp, alignment(tags, "adkim"), alignment(tags, "aspf"), percent(tags), rua);
    }

    private static boolean alignment(Map<String, String> tags, String tag) throws Invalid {
        String v = tags.getOrDefault(tag, "r");
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "r" -> false;
            case "s" -> true;
            default -> throw new Invalid("invalid " + tag + "=" + v);
        };
    }

    private static int percent(Map<String, String> tags) throws Invalid {
        String v = tags.getOrDefault("pct", "100");
        if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) > 100) {
            throw new Invalid("invalid pct=" + v);
        }
        return Integer.parseInt(v);
    }
}
