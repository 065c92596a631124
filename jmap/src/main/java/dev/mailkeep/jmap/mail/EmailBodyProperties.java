// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body properties of Email/get (RFC 8621 sections 4.1.4 and 4.2): bodyStructure, textBody,
 * htmlBody, attachments as EmailBodyPart objects with the requested {@code bodyProperties}, and
 * bodyValues for the text parts the fetch arguments select, cut to {@code maxBodyValueBytes}.
 */
final class EmailBodyProperties {
    static final Set<String> PROPERTIES = Set.of("bodyStructure", "textBody", "htmlBody", "attachments", "bodyValues");

    /** RFC 8621 section 4.2: the bodyProperties returned when the client names none. */
    static final List<String> DEFAULT_BODY_PROPERTIES = List.of("partId", "blobId", "size", "name", "type", "charset",
            "disposition", "cid", "language", "location");

    /** What the store's EmailBodyPart holds. */
    static final Set<String> SUPPORTED_BODY_PROPERTIES = Set.of("partId", "blobId", "size", "name", "type", "charset",
            "disposition", "cid", "subParts");

    /** Defined by RFC 8621 but not kept by the store (yet). */
    static final Set<String> UNSUPPORTED_BODY_PROPERTIES = Set.of("headers", "language", "location");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How the body-value arguments of the call asked for bodyValues. */
    record Options(Set<String> bodyProperties, boolean fetchText, boolean fetchHtml, long maxBodyValueBytes) {}

    private EmailBodyProperties() {}

    /**
     * Reads bodyProperties and the fetch arguments; bodyProperties the store cannot provide are
     * refused naming them, including when they come from the RFC default list.
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
        List<String> unknown = properties.stream().filter(p -> !SUPPORTED_BODY_PROPERTIES.contains(p)
                && !UNSUPPORTED_BODY_PROPERTIES.contains(p) && !p.startsWith("header:")).toList();
        if (!unknown.isEmpty()) {
            throw Args.invalid("bodyProperties", "names unknown properties: " + String.join(", ", unknown));
        }
        return new Options(properties, text || all, html || all, max);
    }

    /** The bodyProperties this call needs that the store cannot provide; empty when all can be served. */
    static List<String> unsupported(Options options) {
        return options.bodyProperties().stream().filter(p -> !SUPPORTED_BODY_PROPERTIES.contains(p)).sorted().toList();
    }

    static void write(ObjectNode email, EmailBody body, Set<String> properties, Options options) {
        if (properties.contains("bodyStructure")) {
            email.set("bodyStructure", part(body.bodyStructure(), options.bodyProperties(), true));
        }
        for (String list : List.of("textBody", "htmlBody", "attachments")) {
            if (properties.contains(list)) {
                ArrayNode parts = email.putArray(list);
                List<EmailBodyPart> source = switch (list) {
                    case "textBody" -> body.textBody();
                    case "htmlBody" -> body.htmlBody();
                    default -> body.attachments();
                };
                source.forEach(p -> parts.add(part(p, options.bodyProperties(), false)));
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
                    values.set(partId, value(value, options.maxBodyValueBytes()));
                }
            }
        }
    }

    private static ObjectNode part(EmailBodyPart part, Set<String> properties, boolean withSubParts) {
        ObjectNode node = JSON.objectNode();
        for (String property : properties) {
            switch (property) {
                case "partId" -> node.put("partId", part.partId());
                case "blobId" -> node.put("blobId", part.blobId() == null ? null : part.blobId().value());
                case "size" -> node.put("size", part.size());
                case "name" -> node.put("name", part.name());
                case "type" -> node.put("type", part.type());
                case "charset" -> node.put("charset", part.charset());
                case "disposition" -> node.put("disposition", part.disposition());
                case "cid" -> node.put("cid", part.cid());
                case "subParts" -> {
                    // written below, for multipart parts of the bodyStructure
                }
                default -> throw new IllegalStateException("unsupported body property " + property);
            }
        }
        if (withSubParts && !part.subParts().isEmpty()) {
            ArrayNode sub = node.putArray("subParts");
            part.subParts().forEach(p -> sub.add(part(p, properties, true)));
        }
        return node;
    }

    /** RFC 8621 section 4.1.4 EmailBodyValue, cut to at most {@code max} UTF-8 octets (0: no limit). */
    private static JsonNode value(String text, long max) {
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
        return JSON.objectNode().put("value", value).put("isEncodingProblem", false).put("isTruncated", truncated);
    }
}
