// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * The unfolded text of a header field value as it was received. Raw 8-bit octets are read as
 * UTF-8 (RFC 6532, internationalized headers as SMTPUTF8 mail carries them) and only fall back
 * to ISO-8859-1 when they are not valid UTF-8.
 */
final class HeaderText {
    private HeaderText() {}

    /** The field's value after the colon, unfolded (RFC 5322 section 2.2.3) and trimmed. */
    static String value(Field field) {
        ByteSequence raw = field.getRaw();
        String text;
        if (raw == null) {
            text = field.getName() + ": " + field.getBody();
        } else {
            text = decode(raw.toByteArray());
        }
        int colon = text.indexOf(':');
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value.strip();
        }
        return value.replaceAll("\r?\n(?=[ \t])", "").replaceAll("[\r\n]", "").strip();
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
