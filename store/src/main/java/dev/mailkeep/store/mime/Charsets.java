// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Text from the octets of a MIME part in its declared charset (RFC 2046 section 4.1.2), through
 * the JDK's charsets, with the substitutions mail in the wild needs: labels of a subset decode as
 * the superset senders actually used (ISO-8859-1 and US-ASCII as windows-1252 and UTF-8, GB2312 as
 * GBK, KS_C_5601-1987 as windows-949), the same choices the WHATWG Encoding Standard makes.
 */
final class Charsets {
    private static final Map<String, String> SUPERSETS = Map.of(
            "iso-8859-1", "windows-1252",
            "latin1", "windows-1252",
            "iso8859-1", "windows-1252",
            "gb2312", "GBK",
            "ks_c_5601-1987", "x-windows-949",
            "x-gbk", "GBK",
            "tis-620", "x-windows-874");

    /** Decoded text, and whether malformed octets or an unknown charset were met. */
    record Decoded(String text, boolean problem) {}

    private Charsets() {}

    /** The charset for a MIME label, or null when the JDK does not know it. */
    static Charset forName(String label) {
        if (label == null) {
            return StandardCharsets.UTF_8;
        }
        String name = label.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("us-ascii") || name.equals("ascii") || name.equals("utf8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(SUPERSETS.getOrDefault(name, name));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes in the labelled charset; unknown charsets are read as UTF-8 and reported. */
    static Decoded decode(byte[] bytes, String label) {
        Charset charset = forName(label);
        if (charset == null) {
            return new Decoded(decode(bytes, StandardCharsets.UTF_8).text(), true);
        }
        return decode(bytes, charset);
    }

    /** Decodes; malformed or unmappable octets become U+FFFD and are reported. */
    static Decoded decode(byte[] bytes, Charset charset) {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Decoded(text, false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, charset), true);
        }
    }
}
