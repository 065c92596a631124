// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import dev.mailkeep.smtp.auth.message.HeaderField;
import dev.mailkeep.smtp.auth.message.RawMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes incoming Authentication-Results fields that claim this server's authserv-id, so
 * nobody upstream can speak in our name (RFC 8601 section 5).
 */
public final class ClaimedResults {
    private ClaimedResults() {}

    /** The message without Authentication-Results fields whose authserv-id is {@code authservId}; the same bytes when there are none. */
    public static byte[] remove(byte[] message, String authservId) {
        RawMessage m = RawMessage.parse(message);
        byte[] crlf = m.bytes();
        boolean any = m.headers().stream().anyMatch(h -> claims(h, authservId));
        if (!any) {
            return crlf;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(crlf.length);
        int headerEnd = 0;
        for (HeaderField h : m.headers()) {
            byte[] raw = h.raw().getBytes(StandardCharsets.ISO_8859_1);
            headerEnd += raw.length;
            if (!claims(h, authservId)) {
                out.writeBytes(raw);
            }
        }
        out.write(crlf, headerEnd, crlf.length - headerEnd);
        return out.toByteArray();
    }

    /** Whether the field is an Authentication-Results field naming {@code authservId} (compared without case). */
    static boolean claims(HeaderField h, String authservId) {
        if (!h.is("Authentication-Results")) {
            return false;
        }
        String id = authservId(h.unfoldedValue());
        return id != null && id.equalsIgnoreCase(authservId);
    }

    /** The authserv-id: the first value after optional comments, a token or a quoted-string (RFC 8601 section 2.2). */
    static String authservId(String value) {
        int i = skipCfws(value, 0);
        if (i >= value.length()) {
            return null;
        }
        if (value.charAt(i) == '"') {
            StringBuilder s = new StringBuilder();
            for (int j = i + 1; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '\\' && j + 1 < value.length()) {
                    s.append(value.charAt(++j));
                } else if (c == '"') {
                    return s.toString();
                } else {
                    s.append(c);
                }
            }
            return null;
        }
        int end = i;
        while (end < value.length() && " \t;(".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        return value.substring(i, end);
    }

    private static int skipCfws(String v, int i) {
        int depth = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '\\' && depth > 0) {
                i++;
            } else if (depth == 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
            i++;
        }
        return i;
    }
}
