// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.mime.MessageComposer;
import dev.mailkeep.store.mime.MessageComposer.Header;
import dev.mailkeep.store.mime.MessageComposer.Leaf;
import dev.mailkeep.store.mime.MessageComposer.Multi;
import dev.mailkeep.store.mime.MessageComposer.Part;
import dev.mailkeep.store.mime.MessageComposer.Value;
import dev.mailkeep.store.model.EmailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one Email object of an {@code Email/set} create (RFC 8621 section 4.6) into the message
 * it describes, following the section's rules: no server-set properties, no {@code headers}
 * property, each header field given once and only in a parsed form allowed for it, no Content-*
 * fields on the Email, {@code bodyStructure} or the flat body lists but not both, at most one
 * text/plain {@code textBody} and one text/html {@code htmlBody}, parts with either a
 * {@code partId} into {@code bodyValues} or a {@code blobId}. A message with no Date or
 * Message-ID gets one, as a sending client would add.
 *
 * <p>The flat lists become {@code multipart/alternative} for text and HTML, wrapped in
 * {@code multipart/related} with inline parts that have a Content-ID, wrapped in
 * {@code multipart/mixed} with the other attachments.
 */
final class EmailCreate {
    /** Properties the server sets (RFC 8621 section 4.1): a create giving one is refused. */
    private static final Set<String> SERVER_SET = Set.of("id", "blobId", "threadId", "size", "hasAttachment", "preview");
    private static final Set<String> CONVENIENCE = Set.of("messageId", "inReplyTo", "references", "sender", "from",
            "to", "cc", "bcc", "replyTo", "subject", "sentAt");
    private static final Set<String> BODY = Set.of("bodyStructure", "textBody", "htmlBody", "attachments", "bodyValues");
    private static final Set<String> META = Set.of("mailboxIds", "keywords", "receivedAt");
    private static final Set<String> PART_PROPERTIES = Set.of("partId", "blobId", "size", "name", "type", "charset",
            "disposition", "cid", "language", "location", "subParts");

    /** The message to store and where. */
    record Draft(byte[] message, Set<MailboxId> mailboxes, Set<String> keywords, Instant receivedAt) {}

    /** A refused create: the SetError type, a description, the properties at fault, blob ids not found. */
    static final class Refused extends Exception {
        final String type;
        final List<String> properties;
        final List<String> blobsNotFound;

        Refused(String type, String description, List<String> properties, List<String> blobsNotFound) {
            super(description, null, false, false);
            this.type = type;
            this.properties = properties;
            this.blobsNotFound = blobsNotFound;
        }

        static Refused invalid(String property, String description) {
            return new Refused("invalidProperties", description, List.of(property), List.of());
        }
    }

    private final MethodContext context;
    private final AccountId account;
    private final JsonNode bodyValues;
    private final Set<String> usedPartIds = new HashSet<>();
    private long contentSize;

    private EmailCreate(MethodContext context, AccountId account, JsonNode bodyValues) {
        this.context = context;
        this.account = account;
        this.bodyValues = bodyValues;
    }

    static Draft read(JsonNode email, MethodContext context, AccountId account) throws Refused {
        if (!email.isObject()) {
            throw Refused.invalid("", "an Email to create must be an object");
        }
        for (Map.Entry<String, JsonNode> field : email.properties()) {
            String name = field.getKey();
            if (SERVER_SET.contains(name)) {
                throw Refused.invalid(name, name + " is set by the server");
            }
            if (name.equals("headers")) {
                throw Refused.invalid(name, "headers may not be given on create; set each field as its own property");
            }
            if (!META.contains(name) && !CONVENIENCE.contains(name) && !BODY.contains(name) && !name.startsWith("header:")) {
                throw Refused.invalid(name, "unknown Email property " + name);
            }
        }
        JsonNode values = email.get("bodyValues");
        if (values != null && !values.isNull() && !values.isObject()) {
            throw Refused.invalid("bodyValues", "bodyValues must be an object of partId to EmailBodyValue");
        }
        EmailCreate create = new EmailCreate(context, account, values == null || values.isNull() ? null : values);
        Set<MailboxId> mailboxes = create.mailboxes(email.get("mailboxIds"));
        Set<String> keywords = create.keywords(email.get("keywords"));
        Instant receivedAt = create.receivedAt(email.get("receivedAt"));

        List<Header> headers = HeaderProperties.read(email, "", true);
        Part body = create.body(email);
        if (values != null && !values.isNull()) {
            for (Map.Entry<String, JsonNode> value : values.properties()) {
                if (!create.usedPartIds.contains(value.getKey())) {
                    throw Refused.invalid("bodyValues/" + value.getKey(), "no body part has partId " + value.getKey());
                }
            }
        }
        long maxSize = context.limits().maxSizeUpload();
        if (create.contentSize > maxSize) {
            throw new Refused("tooLarge", "the parts add up to " + create.contentSize + " octets; at most " + maxSize
                    + " may be attached", List.of(), List.of());
        }
        List<Header> all = new ArrayList<>(headers);
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Date"))) {
            all.add(new Header("Date", new Value.Date(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))));
        }
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Message-ID"))) {
            all.add(new Header("Message-ID", new Value.MessageIds(List.of(UUID.randomUUID() + "@" + domain(context)))));
        }
        try {
            return new Draft(MessageComposer.compose(all, body), mailboxes, keywords, receivedAt);
        } catch (IllegalArgumentException e) {
            throw new Refused("invalidProperties", e.getMessage(), List.of(), List.of());
        }
    }

    private static String domain(MethodContext context) {
        String address = context.user().address();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private Set<MailboxId> mailboxes(JsonNode map) throws Refused {
        Set<String> keys = trueKeys(map, "mailboxIds");
        if (keys.isEmpty()) {
            throw Refused.invalid("mailboxIds", "an Email must be in at least one mailbox");
        }
        Set<MailboxId> mailboxes = new LinkedHashSet<>();
        for (String key : keys) {
            try {
                mailboxes.add(new MailboxId(context.resolveId(key)));
            } catch (IllegalArgumentException e) {
                throw Refused.invalid("mailboxIds", "not a mailbox id: " + key);
            }
        }
        return mailboxes;
    }

    private Set<String> keywords(JsonNode map) throws Refused {
        Set<String> keywords = new LinkedHashSet<>();
        for (String keyword : trueKeys(map, "keywords")) {
            keywords.add(keyword.toLowerCase(Locale.ROOT));
        }
        return keywords;
    }

    private Instant receivedAt(JsonNode value) throws Refused {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw Refused.invalid("receivedAt", "receivedAt must be a UTCDate");
        }
    }

    private static Set<String> trueKeys(JsonNode map, String property) throws Refused {
        if (map == null || map.isNull()) {
            return Set.of();
        }
        if (!map.isObject()) {
            throw Refused.invalid(property, property + " must be a map of true");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isBoolean() || !entry.getValue().booleanValue()) {
                throw Refused.invalid(property + "/" + entry.getKey(), property + " must be a map of true");
            }
            keys.add(entry.getKey());
        }
        return keys;
    }

    // ---- body ------------------------------------------------------------------------------------

    private Part body(JsonNode email) throws Refused {
        JsonNode structure = email.get("bodyStructure");
        boolean flat = email.hasNonNull("textBody") || email.hasNonNull("htmlBody") || email.hasNonNull("attachments");
        if (structure != null && !structure.isNull()) {
            if (flat) {
                throw new Refused("invalidProperties", "bodyStructure excludes textBody, htmlBody and attachments",
                        List.of("bodyStructure"), List.of());
            }
            return part(structure, "bodyStructure", true);
        }
        Leaf text = single(email.get("textBody"), "textBody", "text/plain");
        Leaf html = single(email.get("htmlBody"), "htmlBody", "text/html");
        List<Part> inline = new ArrayList<>();
        List<Part> attached = new ArrayList<>();
        JsonNode attachments = email.get("attachments");
        if (attachments != null && !attachments.isNull()) {
            if (!attachments.isArray()) {
                throw Refused.invalid("attachments", "attachments must be an array of EmailBodyPart");
            }
            for (int i = 0; i < attachments.size(); i++) {
                Part part = part(attachments.get(i), "attachments/" + i, false);
                boolean isInline = part instanceof Leaf leaf && leaf.cid() != null && "inline".equals(leaf.disposition());
                (isInline && html != null ? inline : attached).add(part);
            }
        }
        Part main;
        if (text != null && html != null) {
            main = new Multi("alternative", List.of(text, related(html, inline)), null);
        } else if (html != null) {
            main = related(html, inline);
        } else {
            main = text;
        }
        if (attached.isEmpty()) {
            return main != null ? main : new Leaf("text/plain", null, new byte[0], null, null, null, null, null, null);
        }
        List<Part> mixed = new ArrayList<>();
        if (main != null) {
            mixed.add(main);
        }
        mixed.addAll(attached);
        return mixed.size() == 1 ? mixed.getFirst() : new Multi("mixed", mixed, null);
    }

    private static Part related(Leaf html, List<Part> inline) {
        if (inline.isEmpty()) {
            return html;
        }
        List<Part> parts = new ArrayList<>();
        parts.add(html);
        parts.addAll(inline);
        return new Multi("related", parts, null);
    }

    /** textBody or htmlBody: absent, or exactly one part of the given type. */
    private Leaf single(JsonNode list, String property, String type) throws Refused {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray() || list.size() != 1) {
            throw Refused.invalid(property, property + " must hold exactly one part");
        }
        Part part = part(list.get(0), property + "/0", false);
        if (!(part instanceof Leaf leaf) || !leaf.type().equalsIgnoreCase(type)) {
            throw Refused.invalid(property, property + " must be of type " + type);
        }
        return leaf;
    }

    private Part part(JsonNode node, String path, boolean top) throws Refused {
        if (!node.isObject()) {
            throw Refused.invalid(path, "an EmailBodyPart must be an object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (name.equals("headers")) {
                throw Refused.invalid(path + "/headers", "headers may not be given on create");
            }
            if (!PART_PROPERTIES.contains(name) && !name.startsWith("header:")) {
                throw Refused.invalid(path + "/" + name, "unknown EmailBodyPart property " + name);
            }
        }
        List<Header> headers = HeaderProperties.read(node, path + "/", false);
        String type = text(node, "type", path);
        JsonNode subParts = node.get("subParts");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            if (subParts == null || !subParts.isArray()) {
                throw Refused.invalid(path + "/subParts", "a multipart needs subParts");
            }
            if (node.hasNonNull("partId") || node.hasNonNull("blobId")) {
                throw Refused.invalid(path, "a multipart has no content of its own");
            }
            List<Part> children = new ArrayList<>();
            for (int i = 0; i < subParts.size(); i++) {
                children.add(part(subParts.get(i), path + "/subParts/" + i, false));
            }
            return new Multi(type.substring("multipart/".length()).toLowerCase(Locale.ROOT), children, headers);
        }
        if (subParts != null && !subParts.isNull()) {
            throw Refused.invalid(path + "/subParts", "only a multipart has subParts");
        }
        String partId = text(node, "partId", path);
        String blobId = text(node, "blobId", path);
        String charset = text(node, "charset", path);
        if ((partId == null) == (blobId == null)) {
            throw Refused.invalid(path, "a part needs exactly one of partId and blobId");
        }
        byte[] content;
        if (partId != null) {
            if (charset != null) {
                throw Refused.invalid(path + "/charset", "charset must be omitted when partId is given");
            }
            if (node.hasNonNull("size")) {
                throw Refused.invalid(path + "/size", "size must be omitted when partId is given");
            }
            content = bodyValue(partId, path);
        } else {
            content = blob(blobId, path);
        }
        contentSize += content.length;
        List<String> language = null;
        JsonNode languages = node.get("language");
        if (languages != null && !languages.isNull()) {
            language = new ArrayList<>();
            if (!languages.isArray()) {
                throw Refused.invalid(path + "/language", "language must be an array of strings");
            }
            for (JsonNode tag : languages) {
                language.add(tag.asText());
            }
        }
        String disposition = text(node, "disposition", path);
        return new Leaf(type == null ? "text/plain" : type, charset, content,
                disposition == null ? null : disposition.toLowerCase(Locale.ROOT), text(node, "name", path),
                text(node, "cid", path), language, text(node, "location", path), headers);
    }

    private byte[] bodyValue(String partId, String path) throws Refused {
        JsonNode value = bodyValues == null ? null : bodyValues.get(partId);
        if (value == null || !value.isObject() || !value.path("value").isTextual()) {
            throw Refused.invalid(path + "/partId", "bodyValues has no value for partId " + partId);
        }
        if (value.path("isEncodingProblem").asBoolean(false) || value.path("isTruncated").asBoolean(false)) {
            throw Refused.invalid("bodyValues/" + partId, "isEncodingProblem and isTruncated must be false on create");
        }
        if (!usedPartIds.add(partId)) {
            throw Refused.invalid(path + "/partId", "partId " + partId + " is used by two parts");
        }
        return value.get("value").textValue().replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] blob(String id, String path) throws Refused {
        String resolved = context.resolveId(id);
        Optional<InputStream> stream;
        try {
            stream = context.store().openBlob(account, new BlobId(resolved));
        } catch (IllegalArgumentException e) {
            stream = Optional.empty();
        }
        if (stream.isEmpty()) {
            throw new Refused("blobNotFound", "no blob " + id + " in this account", List.of(path + "/blobId"), List.of(id));
        }
        try (InputStream in = stream.get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String name, String path) throws Refused {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Refused.invalid(path + "/" + name, name + " must be a string");
        }
        return value.textValue();
    }

    /** An address of the JMAP EmailAddress shape. */
    static EmailAddress address(JsonNode node, String path) throws Refused {
        if (!node.isObject() || !node.path("email").isTextual()) {
            throw Refused.invalid(path, "an EmailAddress needs an email");
        }
        JsonNode name = node.get("name");
        return new EmailAddress(name == null || name.isNull() ? null : name.asText(), node.get("email").textValue());
    }
}
