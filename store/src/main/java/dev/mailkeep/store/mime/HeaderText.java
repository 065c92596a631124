// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.model.EmailHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Header field values as they were received. Octets are read as UTF-8 (RFC 6532, internationalized
 * headers as SMTPUTF8 mail carries them); runs that are not UTF-8 become U+FFFD and NUL octets are
 * dropped, as RFC 8621 section 4.1.2.1 asks of the Raw form.
 */
final class HeaderText {
    private HeaderText() {}

    /** The field's value after the colon, unfolded (RFC 5322 section 2.2.3) and trimmed. */
    static String value(Field field) {
        return HeaderForms.unfold(raw(field)).strip();
    }

    /** RFC 8621 section 4.1.2.1 Raw: every octet after the colon, folding kept, no final CRLF. */
    static String raw(Field field) {
        ByteSequence raw = field.getRaw();
        String text = raw == null ? field.getName() + ": " + field.getBody() : decode(raw.toByteArray());
        int colon = text.indexOf(':');
        String value = colon < 0 ? "" : text.substring(colon + 1);
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        return value.substring(0, end);
    }

    /** The header fields in order as RFC 8621 section 4.1.3 EmailHeader objects. */
    static List<EmailHeader> fields(List<Field> fields) {
        List<EmailHeader> out = new ArrayList<>(fields.size());
        for (Field field : fields) {
            out.add(new EmailHeader(field.getName(), raw(field)));
        }
        return out;
    }

    static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }
}
