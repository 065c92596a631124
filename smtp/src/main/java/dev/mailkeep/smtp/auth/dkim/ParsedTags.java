// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.HashMap;
import java.util.Map;

/** Best-effort d=, s=, i=, a=, b= of a signature that failed to parse, so its result can still name it. */
record ParsedTags(String d, String s, String i, String a, String b) {

    static ParsedTags lenient(String value) {
        Map<String, String> tags = new HashMap<>();
        for (String spec : value.split(";")) {
            int eq = spec.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(TagList.trimFws(spec.substring(0, eq)), TagList.trimFws(spec.substring(eq + 1)));
            }
        }
        String b = tags.get("b");
        return new ParsedTags(lower(tags.get("d")), tags.get("s"), tags.get("i"), tags.get("a"),
                b == null ? null : TagList.removeFws(b));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
