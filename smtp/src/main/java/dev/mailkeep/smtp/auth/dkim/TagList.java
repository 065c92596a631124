// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tag=value lists of RFC 6376 section 3.2, used by DKIM-Signature fields and key
 * records. Tag names are case-sensitive; a tag appearing twice is an error; values keep
 * their inner whitespace but lose leading and trailing FWS.
 */
final class TagList {
    private TagList() {}

    /** Returns the tags in order, or throws with {@code errorStatus} on a syntax error. */
    static Map<String, String> parse(String text, DkimStatus errorStatus) throws DkimException {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (spec.isBlank()) {
                if (i == specs.length - 1) {
                    break;
                }
                throw new DkimException(errorStatus, "empty tag in tag list");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new DkimException(errorStatus, "tag without '=': '" + spec.strip() + "'");
            }
            String name = trimFws(spec.substring(0, eq));
            if (!isTagName(name)) {
                throw new DkimException(errorStatus, "invalid tag name '" + name + "'");
            }
            String value = trimFws(spec.substring(eq + 1));
            if (tags.putIfAbsent(name, value) != null) {
                throw new DkimException(errorStatus, "tag " + name + "= appears twice");
            }
        }
        return tags;
    }

    /** Section 3.2: tag-name = ALPHA *ALNUMPUNC, ALNUMPUNC being ALPHA, DIGIT or "_". */
    static boolean isTagName(String name) {
        if (name.isEmpty() || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Removes leading and trailing whitespace, CR and LF. */
    static String trimFws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isFws(s.charAt(start))) {
            start++;
        }
        while (end > start && isFws(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Removes every whitespace, CR and LF: base64 values may be folded anywhere (section 3.5, b=). */
    static String removeFws(String s) {
        int first = 0;
        while (first < s.length() && !isFws(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isFws(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
