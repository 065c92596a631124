// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The base subject used to decide whether linked messages share a thread (RFC 8621 section 3,
 * after RFC 5256 section 2.1): reply and forward prefixes, list tags and trailing "(fwd)"
 * removed, whitespace collapsed, case folded.
 */
public final class BaseSubject {
    private static final Pattern LEADER = Pattern.compile(
            "(?i)^(\\s*(\\[[^\\[\\]]*\\]\\s*)*(re|fwd?|aw|sv|wg|antw)\\s*(\\[\\d+\\])?\\s*:\\s*|\\s*\\[[^\\[\\]]*\\]\\s*)");
    private static final Pattern TRAILER = Pattern.compile("(?i)(\\s*\\(fwd\\)\\s*)$");

    private BaseSubject() {}

    public static String of(String subject) {
        if (subject == null) {
            return "";
        }
        String s = subject.replaceAll("\\s+", " ").strip();
        String before;
        do {
            before = s;
            s = TRAILER.matcher(s).replaceFirst("");
            s = LEADER.matcher(s).replaceFirst("");
            s = s.strip();
        } while (!s.equals(before));
        return s.toLowerCase(Locale.ROOT);
    }
}
