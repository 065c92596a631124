// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.message;

import java.util.Locale;

/**
 * One header field exactly as received (RFC 5322 section 2.2): {@code raw} holds every octet
 * from the first character of the name to the final CRLF, folding included, as characters
 * U+0000..U+00FF (ISO-8859-1), so octets survive unchanged.
 *
 * @param name the field name as written, without surrounding whitespace
 */
public record HeaderField(String name, String raw) {

    /** Whether this field has the given name, compared without case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The lower-case name. */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Everything after the colon, CRLF removed, folding kept. */
    public String value() {
        String v = raw.substring(raw.indexOf(':') + 1);
        return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v;
    }

    /** The value unfolded (RFC 5322 section 2.2.3) and trimmed. */
    public String unfoldedValue() {
        return value().replace("\r\n", "").strip();
    }
}
