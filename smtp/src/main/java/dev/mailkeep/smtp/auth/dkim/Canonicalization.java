// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.message.HeaderField;
import java.util.Locale;

/** The header canonicalization algorithms, RFC 6376 sections 3.4.1 (simple) and 3.4.2 (relaxed). */
public enum Canonicalization {
    SIMPLE, RELAXED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Canonicalization fromTag(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> null;
        };
    }

    /** The canonical form of a whole header field, ending in CRLF. */
    String header(HeaderField field) {
        return header(field.raw());
    }

    /** The canonical form of a raw header field (name, colon, value, final CRLF if any), ending in CRLF. */
    String header(String raw) {
        if (this == SIMPLE) {
            return raw.endsWith("\r\n") ? raw : raw + "\r\n";
        }
        int colon = raw.indexOf(':');
        String name = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(raw.length());
        out.append(name).append(':');
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = colon + 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == ' ' || c == '\t') {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            started = true;
        }
        return out.append("\r\n").toString();
    }
}
