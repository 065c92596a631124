// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import java.io.ByteArrayOutputStream;

/**
 * Takes the {@code Bcc} and {@code Resent-Bcc} header fields out of a message before it leaves
 * (RFC 5322 section 3.6.3: the blind recipients must not be shown to the others), folded
 * continuation lines included; everything else, the body above all, is copied unchanged.
 */
final class BccRemoval {
    private BccRemoval() {}

    static byte[] apply(byte[] message) {
        int end = headerEnd(message);
        ByteArrayOutputStream out = null;
        int copied = 0;
        int line = 0;
        boolean dropping = false;
        while (line < end) {
            int next = lineEnd(message, line, end);
            boolean continuation = message[line] == ' ' || message[line] == '\t';
            if (!continuation) {
                dropping = isBlind(message, line, next);
            }
            if (dropping) {
                if (out == null) {
                    out = new ByteArrayOutputStream(message.length);
                }
                out.write(message, copied, line - copied);
                copied = next;
            }
            line = next;
        }
        if (out == null) {
            return message;
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }

    /** The offset of the blank line that ends the header section (the message length if none). */
    private static int headerEnd(byte[] m) {
        int line = 0;
        while (line < m.length) {
            if (m[line] == '\n' || (m[line] == '\r' && line + 1 < m.length && m[line + 1] == '\n')) {
                return line;
            }
            line = lineEnd(m, line, m.length);
        }
        return m.length;
    }

    /** The offset just past the LF ending the line that starts at {@code from}. */
    private static int lineEnd(byte[] m, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (m[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    private static boolean isBlind(byte[] m, int from, int to) {
        return named(m, from, to, "bcc") || named(m, from, to, "resent-bcc");
    }

    /** True when the field starting at {@code from} is called {@code name} (any case, blanks before the colon). */
    private static boolean named(byte[] m, int from, int to, String name) {
        if (to - from <= name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) (m[from + i] & 0xff)) != name.charAt(i)) {
                return false;
            }
        }
        int i = from + name.length();
        while (i < to && (m[i] == ' ' || m[i] == '\t')) {
            i++;
        }
        return i < to && m[i] == ':';
    }
}
