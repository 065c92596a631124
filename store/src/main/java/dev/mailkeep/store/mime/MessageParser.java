// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Parses a message once, when it arrives, into the {@link EmailSummary} that JMAP lists
 * (RFC 8621 section 4.1): header fields decoded per RFC 2047 and RFC 6532, the preview and the
 * attachment flag. Never throws for malformed input: what cannot be parsed is left empty.
 */
public final class MessageParser {
    private static final Pattern MSG_ID = Pattern.compile("<([^<>]*)>");

    private MessageParser() {}

    public static EmailSummary parse(byte[] message) {
        return parseFull(message).summary();
    }

    /** The summary and the searchable text, from one parse. */
    public static ParsedMessage parseFull(byte[] message) {
        Message parsed = parseMime(message);
        Headers headers = new Headers(parsed.getHeader().getFields());
        String subject = headers.last("Subject");
        String date = headers.last("Date");
        BodyWalk body = BodyWalk.of(parsed);
        EmailSummary summary = new EmailSummary(
                messageIds(headers.last("Message-ID")),
                messageIds(headers.last("In-Reply-To")),
                messageIds(headers.last("References")),
                addresses(headers.last("Sender")),
                addresses(headers.last("From")),
                addresses(headers.last("To")),
                addresses(headers.last("Cc")),
                addresses(headers.last("Bcc")),
                addresses(headers.last("Reply-To")),
                subject == null ? null : HeaderForms.text(subject),
                date == null ? null : DateHeader.parse(date),
                body.preview(),
                BodyStructure.hasAttachment(parsed));
        return new ParsedMessage(summary, body.text(), body.attachmentNames(), headers.decoded());
    }

    static Message parseMime(byte[] message) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            return builder.parseMessage(new ByteArrayInputStream(message));
        } catch (IOException e) {
            return builder.newMessage();
        }
    }

    /** RFC 8621 section 4.1.2.3 asMessageIds: the ids without angle brackets. */
    static List<String> messageIds(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MSG_ID.matcher(value);
        while (m.find()) {
            String id = m.group(1).replaceAll("\\s+", "");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** RFC 8621 section 4.1.2.3 asAddresses: groups flattened, display names decoded. */
    static List<EmailAddress> addresses(String value) {
        return value == null ? List.of() : HeaderForms.addresses(value);
    }

    static String decodeWords(String text) {
        return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
    }

    /**
     * The header fields in order with their unfolded values, each read once; the last instance
     * of a field is found by case-insensitive name.
     */
    private static final class Headers {
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        Headers(List<Field> fields) {
            for (Field field : fields) {
                names.add(field.getName().toLowerCase(Locale.ROOT));
                values.add(HeaderText.value(field));
            }
        }

        List<Map.Entry<String, String>> decoded() {
            List<Map.Entry<String, String>> out = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                out.add(Map.entry(names.get(i), decodeWords(values.get(i))));
            }
            return out;
        }

        String last(String name) {
            for (int i = names.size() - 1; i >= 0; i--) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    return values.get(i);
                }
            }
            return null;
        }
    }
}
