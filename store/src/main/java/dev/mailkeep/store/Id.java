// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.regex.Pattern;

/**
 * Identifier syntax shared by every store id: 1 to 255 characters of the URL-safe base64
 * alphabet (RFC 8620 section 1.2), so a store id can be used as a JMAP Id unchanged.
 */
final class Id {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private Id() {}

    static String check(String kind, String value) {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + kind + " id: " + value);
        }
        return value;
    }
}
