// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.EmailSummary;
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
     * by {@link EmailBodyProperties}) and the raw headers, which the store does not keep yet.
     */
    static final Set<String> OTHER_KNOWN =
            Set.of("headers", "bodyStructure", "bodyValues", "textBody", "htmlBody", "attachments");

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
        p.put("messageId", e -> strings(e.summary().messageId()));
        p.put("inReplyTo", e -> strings(e.summary().inReplyTo()));
        p.put("references", e -> strings(e.summary().references()));
        p.put("sender", e -> addresses(e.summary().sender()));
        p.put("from", e -> addresses(e.summary().from()));
        p.put("to", e -> addresses(e.summary().to()));
        p.put("cc", e -> addresses(e.summary().cc()));
        p.put("bcc", e -> addresses(e.summary().bcc()));
        p.put("replyTo", e -> addresses(e.summary().replyTo()));
        p.put("subject", e -> e.summary().subject() == null ? NullNode.instance : TextNode.valueOf(e.summary().subject()));
        p.put("sentAt", EmailProperties::sentAt);
        p.put("hasAttachment", e -> JSON.booleanNode(e.summary().hasAttachment()));
        p.put("preview", e -> TextNode.valueOf(e.summary().preview()));
        return Collections.unmodifiableMap(p);
    }

    /** True for names RFC 8621 defines, whether or not this server can return them. */
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

    private static JsonNode sentAt(EmailRecord email) {
        EmailSummary summary = email.summary();
        return summary.sentAt() == null ? NullNode.instance : TextNode.valueOf(DATE.format(summary.sentAt()));
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
