// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.EmailSummary;
import dev.mailkeep.store.model.ParsedEmail;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Email properties of RFC 8621 section 4.1 that the store's records provide, each written
 * from an {@link EmailRecord} exactly as the RFC types it: absent headers are null, ids and
 * keywords are {@code Id[Boolean]} maps, {@code receivedAt} is a UTCDate, {@code sentAt} a Date
 * with the header's own offset.
 */
final class EmailProperties {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** RFC 8621 section 4.2: the properties returned when the client names none. */
    static final List<String> DEFAULT = List.of("id", "blobId", "threadId", "mailboxIds", "keywords", "size",
            "receivedAt", "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
            "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody", "htmlBody", "attachments");

    /**
     * RFC 8621 properties that are not list properties of the record: the body properties (served
     * by {@link EmailBodyProperties}) and the header fields, both read from the blob.
     */
    static final Set<String> OTHER_KNOWN =
            Set.of("headers", "bodyStructure", "bodyValues", "textBody", "htmlBody", "attachments");

    /** The properties parsed from the header and body, which Email/parse returns too (section 4.9). */
    private static final Map<String, Function<EmailSummary, JsonNode>> HEADERS = headers();

    static final Map<String, Function<EmailRecord, JsonNode>> SUPPORTED = supported();

    private EmailProperties() {}

    private static Map<String, Function<EmailRecord, JsonNode>> supported() {
        Map<String, Function<EmailRecord, JsonNode>> p = new LinkedHashMap<>();
        p.put("id", e -> TextNode.valueOf(e.id().value()));
        p.put("blobId", e -> TextNode.valueOf(e.blobId().value()));
        p.put("threadId", e -> TextNode.valueOf(e.threadId().value()));
        p.put("mailboxIds", e -> trueMap(e.mailboxIds().stream().map(id -> id.value()).toList()));
        p.put("keywords", e -> trueMap(List.copyOf(e.keywords())));
        p.put("size", e -> JSON.numberNode(e.size()));
        p.put("receivedAt", e -> TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(e.receivedAt())));
        HEADERS.forEach((property, writer) -> p.put(property, e -> writer.apply(e.summary())));
        return Collections.unmodifiableMap(p);
    }

    private static Map<String, Function<EmailSummary, JsonNode>> headers() {
        Map<String, Function<EmailSummary, JsonNode>> p = new LinkedHashMap<>();
        p.put("messageId", s -> strings(s.messageId()));
        p.put("inReplyTo", s -> strings(s.inReplyTo()));
        p.put("references", s -> strings(s.references()));
        p.put("sender", s -> addresses(s.sender()));
        p.put("from", s -> addresses(s.from()));
        p.put("to", s -> addresses(s.to()));
        p.put("cc", s -> addresses(s.cc()));
        p.put("bcc", s -> addresses(s.bcc()));
        p.put("replyTo", s -> addresses(s.replyTo()));
        p.put("subject", s -> s.subject() == null ? NullNode.instance : TextNode.valueOf(s.subject()));
        p.put("sentAt", s -> s.sentAt() == null ? NullNode.instance : TextNode.valueOf(DATE.format(s.sentAt())));
        p.put("hasAttachment", s -> JSON.booleanNode(s.hasAttachment()));
        p.put("preview", s -> TextNode.valueOf(s.preview()));
        return Collections.unmodifiableMap(p);
    }

    /**
     * An email parsed from a blob but not stored (RFC 8621 section 4.9): blobId, size and the
     * header properties as for a stored email; id, threadId, mailboxIds, keywords and receivedAt
     * are null.
     */
    static ObjectNode writeParsed(ParsedEmail email, Set<String> properties) {
        ObjectNode node = JSON.objectNode();
        for (String property : SUPPORTED.keySet()) {
            if (!properties.contains(property)) {
                continue;
            }
            switch (property) {
                case "blobId" -> node.put("blobId", email.blobId().value());
                case "size" -> node.put("size", email.size());
                case "id", "threadId", "mailboxIds", "keywords", "receivedAt" -> node.putNull(property);
                default -> node.set(property, HEADERS.get(property).apply(email.summary()));
            }
        }
        return node;
    }

    /**
     * The {@code header:} properties among {@code properties}, parsed; a malformed one or a form
     * RFC 8621 section 4.1.2 does not allow is {@code invalidArguments}.
     */
    static Map<String, HeaderProperty> headerProperties(Set<String> properties) {
        Map<String, HeaderProperty> headers = new LinkedHashMap<>();
        properties.stream().filter(HeaderProperty::isHeader).sorted()
                .forEach(p -> headers.put(p, HeaderProperty.parse(p, "properties")));
        return headers;
    }

    /** Whether a property needs the parse of the blob: a body property, headers or a header form. */
    static boolean needsBlob(Set<String> properties) {
        return properties.stream().anyMatch(p -> EmailBodyProperties.PROPERTIES.contains(p) || p.equals("headers")
                || HeaderProperty.isHeader(p));
    }

    /** The {@code headers} and {@code header:} properties (RFC 8621 section 4.1.3) from the blob's parse. */
    static void writeHeaders(ObjectNode node, EmailBody body, Set<String> properties,
            Map<String, HeaderProperty> headers) {
        if (properties.contains("headers")) {
            node.set("headers", HeaderProperty.all(body.headers()));
        }
        headers.forEach((property, header) -> node.set(property, header.value(body.headers())));
    }

    /** True for names RFC 8621 defines. */
    static boolean isKnown(String property) {
        return SUPPORTED.containsKey(property) || OTHER_KNOWN.contains(property) || property.startsWith("header:");
    }

    static ObjectNode write(EmailRecord email, Set<String> properties) {
        ObjectNode node = JSON.objectNode();
        SUPPORTED.forEach((property, writer) -> {
            if (properties.contains(property)) {
                node.set(property, writer.apply(email));
            }
        });
        return node;
    }

    private static ObjectNode trueMap(List<String> keys) {
        ObjectNode map = JSON.objectNode();
        keys.stream().sorted().forEach(key -> map.put(key, true));
        return map;
    }

    private static JsonNode strings(List<String> values) {
        if (values.isEmpty()) {
            return NullNode.instance;
        }
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static JsonNode addresses(List<EmailAddress> values) {
        if (values.isEmpty()) {
            return NullNode.instance;
        }
        ArrayNode array = JSON.arrayNode();
        for (EmailAddress address : values) {
            array.addObject().put("name", address.name()).put("email", address.email());
        }
        return array;
    }
}
