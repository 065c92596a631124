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

    /**
     * Returns the tags in order, or throws with {@code errorStatus} on a syntax error. One pass
     * over {@code text} by index: each name and value is cut out once, already trimmed.
     */
    static Map<String, String> parse(String text, DkimStatus errorStatus) throws DkimException {
        Map<String, String> tags = new LinkedHashMap<>();
        int start = 0;
        for (;;) {
            int semicolon = text.indexOf(';', start);
            int end = semicolon < 0 ? text.length() : semicolon;
            if (isBlank(text, start, end)) {
                if (semicolon < 0) {
                    break;
                }
                throw new DkimException(errorStatus, "empty tag in tag list");
            }
            int eq = text.indexOf('=', start);
            if (eq < 0 || eq >= end) {
                throw new DkimException(errorStatus, "tag without '=': '" + text.substring(start, end).strip() + "'");
            }
            String name = trimFws(text, start, eq);
            if (!isTagName(name)) {
                throw new DkimException(errorStatus, "invalid tag name '" + name + "'");
            }
            String value = trimFws(text, eq + 1, end);
            if (tags.putIfAbsent(name, value) != null) {
                throw new DkimException(errorStatus, "tag " + name + "= appears twice");
            }
            if (semicolon < 0) {
                break;
            }
            start = semicolon + 1;
        }
        return tags;
    }

    /** What {@link String#isBlank} says of {@code text[from, to)}. */
    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code text[from, to)} without leading and trailing whitespace, CR and LF. */
    static String trimFws(String text, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isFws(text.charAt(start))) {
            start++;
        }
        while (end > start && isFws(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
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
        return trimFws(s, 0, s.length());
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
