// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body properties of Email/get (RFC 8621 sections 4.1.4 and 4.2): bodyStructure, textBody,
 * htmlBody, attachments as EmailBodyPart objects with the requested {@code bodyProperties}
 * (every property of section 4.1.4, and {@code header:} properties over the part's own fields),
 * and bodyValues for the text parts the fetch arguments select, cut to {@code maxBodyValueBytes}.
 */
final class EmailBodyProperties {
    static final Set<String> PROPERTIES = Set.of("bodyStructure", "textBody", "htmlBody", "attachments", "bodyValues");

    /** RFC 8621 section 4.2: the bodyProperties returned when the client names none. */
    static final List<String> DEFAULT_BODY_PROPERTIES = List.of("partId", "blobId", "size", "name", "type", "charset",
            "disposition", "cid", "language", "location");

    /** Section 4.1.4: every EmailBodyPart property besides the {@code header:} ones. */
    static final Set<String> BODY_PROPERTIES = Set.of("partId", "blobId", "size", "headers", "name", "type",
            "charset", "disposition", "cid", "language", "location", "subParts");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How the body-value arguments of the call asked for bodyValues. */
    record Options(Set<String> bodyProperties, Map<String, HeaderProperty> headerProperties, boolean fetchText,
            boolean fetchHtml, long maxBodyValueBytes) {}

    private EmailBodyProperties() {}

    /**
     * Reads bodyProperties (default: the RFC list) and the fetch arguments; unknown properties and
     * header forms section 4.1.2 does not allow are {@code invalidArguments}.
     */
    static Options read(Args args) {
        List<String> requested = args.stringList("bodyProperties");
        boolean text = args.bool("fetchTextBodyValues", false);
        boolean html = args.bool("fetchHTMLBodyValues", false);
        boolean all = args.bool("fetchAllBodyValues", false);
        long max = args.unsignedInteger("maxBodyValueBytes", 0);
        if (args.get("maxBodyValueBytes") != null && max == 0) {
            throw Args.invalid("maxBodyValueBytes", "must be greater than 0");
        }
        Set<String> properties = new LinkedHashSet<>(requested == null ? DEFAULT_BODY_PROPERTIES : requested);
        List<String> unknown = properties.stream()
                .filter(p -> !BODY_PROPERTIES.contains(p) && !HeaderProperty.isHeader(p)).toList();
        if (!unknown.isEmpty()) {
            throw Args.invalid("bodyProperties", "names unknown properties: " + String.join(", ", unknown));
        }
        Map<String, HeaderProperty> headers = new LinkedHashMap<>();
        properties.stream().filter(HeaderProperty::isHeader)
                .forEach(p -> headers.put(p, HeaderProperty.parse(p, "bodyProperties")));
        return new Options(properties, headers, text || all, html || all, max);
    }

    static void write(ObjectNode email, EmailBody body, Set<String> properties, Options options) {
        if (properties.contains("bodyStructure")) {
            email.set("bodyStructure", part(body.bodyStructure(), options, true));
        }
        for (String list : List.of("textBody", "htmlBody", "attachments")) {
            if (properties.contains(list)) {
                ArrayNode parts = email.putArray(list);
                List<EmailBodyPart> source = switch (list) {
                    case "textBody" -> body.textBody();
                    case "htmlBody" -> body.htmlBody();
                    default -> body.attachments();
                };
                source.forEach(p -> parts.add(part(p, options, false)));
            }
        }
        if (properties.contains("bodyValues")) {
            ObjectNode values = email.putObject("bodyValues");
            Set<String> parts = new LinkedHashSet<>();
            if (options.fetchText()) {
                body.textBody().forEach(p -> parts.add(p.partId()));
            }
            if (options.fetchHtml()) {
                body.htmlBody().forEach(p -> parts.add(p.partId()));
            }
            for (String partId : parts) {
                String value = body.textValues().get(partId);
                if (value != null) {
                    values.set(partId, value(value, body.encodingProblems().contains(partId),
                            options.maxBodyValueBytes()));
                }
            }
        }
    }

    /**
     * One EmailBodyPart with the requested properties. The bodyStructure's multipart parts always
     * carry subParts (without them the tree could not be walked); elsewhere subParts is written
     * only when asked for, and is null, as textBody, htmlBody and attachments hold no multiparts.
     */
    private static ObjectNode part(EmailBodyPart part, Options options, boolean withSubParts) {
        ObjectNode node = JSON.objectNode();
        for (String property : options.bodyProperties()) {
            switch (property) {
                case "partId" -> node.put("partId", part.partId());
                case "blobId" -> node.put("blobId", part.blobId() == null ? null : part.blobId().value());
                case "size" -> node.put("size", part.size());
                case "name" -> node.put("name", part.name());
                case "type" -> node.put("type", part.type());
                case "charset" -> node.put("charset", part.charset());
                case "disposition" -> node.put("disposition", part.disposition());
                case "cid" -> node.put("cid", part.cid());
                case "headers" -> node.set("headers", HeaderProperty.all(part.headers()));
                case "language" -> node.set("language", part.language() == null ? NullNode.instance
                        : JSON.arrayNode().addAll(part.language().stream().map(TextNode::valueOf).toList()));
                case "location" -> node.put("location", part.location());
                case "subParts" -> node.putNull("subParts");
                default -> node.set(property, options.headerProperties().get(property).value(part.headers()));
            }
        }
        if (withSubParts && part.type().startsWith("multipart/")) {
            ArrayNode sub = node.putArray("subParts");
            part.subParts().forEach(p -> sub.add(part(p, options, true)));
        }
        return node;
    }

    /** RFC 8621 section 4.1.4 EmailBodyValue, cut to at most {@code max} UTF-8 octets (0: no limit). */
    private static JsonNode value(String text, boolean encodingProblem, long max) {
        String value = text;
        boolean truncated = false;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (max > 0 && bytes.length > max) {
            int end = (int) max;
            while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
            value = new String(bytes, 0, end, StandardCharsets.UTF_8);
            truncated = true;
        }
        return JSON.objectNode().put("value", value).put("isEncodingProblem", encodingProblem).put("isTruncated", truncated);
    }
}
