// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.nio.charset.StandardCharsets;

/**
 * A base64 tag value that may be folded anywhere (RFC 6376 section 3.5, b= and bh=), read in
 * one pass over the value's characters: folding whitespace (SP, TAB, CR, LF) is skipped while
 * the remaining characters are checked and gathered, then decoded. What it accepts is exactly
 * what the JDK's basic decoder accepts of the value with its whitespace removed, once that
 * matches {@code [A-Za-z0-9+/]*={0,2}}: without padding any number of characters but 4k+1,
 * with one or two '=' a multiple of four in all.
 *
 * @param octets the decoded value
 * @param text the value with its whitespace removed (for header.b, RFC 6008)
 */
record FoldedBase64(byte[] octets, String text) {
    /** What each octet is: its six-bit value for a base64 character, else one of the markers below. */
    private static final int[] VALUES = new int[256];
    private static final int INVALID = -1;
    private static final int FOLDING = -2;
    private static final int PADDING = -3;

    static {
        java.util.Arrays.fill(VALUES, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        for (char c : new char[] {' ', '\t', '\r', '\n'}) {
            VALUES[c] = FOLDING;
        }
        VALUES['='] = PADDING;
    }

    /**
     * The decoded value, or null when it is not base64 as described above. Characters above
     * U+00FF become '?' in the ISO-8859-1 copy the pass reads, so they are refused as well.
     */
    static FoldedBase64 decode(String value) {
        byte[] chars = value.getBytes(StandardCharsets.ISO_8859_1);
        int length = 0;
        int padding = 0;
        for (byte c : chars) {
            int v = VALUES[c & 0xFF];
            if (v == FOLDING) {
                continue;
            }
            if (v == PADDING) {
                padding++;
            } else if (v == INVALID || padding > 0) {
                return null;
            }
            chars[length++] = c;
        }
        int n = length - padding;
        if (padding > 2 || (padding == 0 ? n % 4 == 1 : length % 4 != 0)) {
            return null;
        }
        byte[] out = new byte[n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1)];
        int o = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int bits = value(chars[i]) << 18 | value(chars[i + 1]) << 12 | value(chars[i + 2]) << 6 | value(chars[i + 3]);
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (n - i >= 2) {
            int bits = value(chars[i]) << 18 | value(chars[i + 1]) << 12 | (n - i == 3 ? value(chars[i + 2]) << 6 : 0);
            out[o++] = (byte) (bits >> 16);
            if (n - i == 3) {
                out[o] = (byte) (bits >> 8);
            }
        }
        return new FoldedBase64(out, new String(chars, 0, length, StandardCharsets.ISO_8859_1));
    }

    private static int value(byte c) {
        return VALUES[c & 0xFF];
    }
}
