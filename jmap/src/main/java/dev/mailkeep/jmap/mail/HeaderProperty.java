// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.store.mime.HeaderForms;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailAddressGroup;
import dev.mailkeep.store.model.EmailHeader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code header:{name}[:as{Form}][:all]} property of an Email or EmailBodyPart (RFC 8621
 * section 4.1.3), read from the header fields in Raw form. Without {@code :all} it is the last
 * field of that name (null when there is none); with it, every such field in order (an empty
 * array when there is none).
 *
 * @param property the property name as the client wrote it, echoed as the key
 * @param name the header field name, compared case-insensitively
 */
record HeaderProperty(String property, String name, Form form, boolean all) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** The parsed forms of section 4.1.2. */
    enum Form {
        RAW("asRaw"), TEXT("asText"), ADDRESSES("asAddresses"), GROUPED_ADDRESSES("asGroupedAddresses"),
        MESSAGE_IDS("asMessageIds"), DATE("asDate"), URLS("asURLs");

        private final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * Section 4.1.2: the forms each field that RFC 5322 or RFC 2369 defines may be fetched in (Raw
     * always); a field not listed may be fetched in any form.
     */
    private static final Map<String, Set<Form>> ALLOWED = allowed();

    private static Map<String, Set<Form>> allowed() {
        Set<Form> text = Set.of(Form.RAW, Form.TEXT);
        Set<Form> addresses = Set.of(Form.RAW, Form.ADDRESSES, Form.GROUPED_ADDRESSES);
        Set<Form> ids = Set.of(Form.RAW, Form.MESSAGE_IDS);
        Set<Form> date = Set.of(Form.RAW, Form.DATE);
        Set<Form> urls = Set.of(Form.RAW, Form.URLS);
        Set<Form> raw = Set.of(Form.RAW);
        return Map.ofEntries(
                Map.entry("subject", text), Map.entry("comments", text), Map.entry("keywords", text),
                Map.entry("list-id", text),
                Map.entry("from", addresses), Map.entry("sender", addresses), Map.entry("reply-to", addresses),
                Map.entry("to", addresses), Map.entry("cc", addresses), Map.entry("bcc", addresses),
                Map.entry("resent-from", addresses), Map.entry("resent-sender", addresses),
                Map.entry("resent-reply-to", addresses), Map.entry("resent-to", addresses),
                Map.entry("resent-cc", addresses), Map.entry("resent-bcc", addresses),
                Map.entry("message-id", ids), Map.entry("in-reply-to", ids), Map.entry("references", ids),
                Map.entry("resent-message-id", ids),
                Map.entry("date", date), Map.entry("resent-date", date),
                Map.entry("list-help", urls), Map.entry("list-unsubscribe", urls), Map.entry("list-subscribe", urls),
                Map.entry("list-post", urls), Map.entry("list-owner", urls), Map.entry("list-archive", urls),
                Map.entry("return-path", raw), Map.entry("received", raw));
    }

    static boolean isHeader(String property) {
        return property.startsWith("header:");
    }

    /**
     * Parses a property name; a malformed one, an unknown form, or a form section 4.1.2 does not
     * allow for a field it names gives {@code invalidArguments} for {@code argument}.
     */
    static HeaderProperty parse(String property, String argument) {
        String[] parts = property.split(":", -1);
        if (parts.length < 2 || parts.length > 4 || parts[1].isEmpty() || !parts[1].matches("[\\x21-\\x39\\x3B-\\x7E]+")) {
            throw Args.invalid(argument, "has a malformed header property: " + property);
        }
        Form form = Form.RAW;
        boolean all = false;
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("all") && i == parts.length - 1) {
                all = true;
            } else if (i == 2 && formNamed(part) != null) {
                form = formNamed(part);
            } else {
                throw Args.invalid(argument, "has a malformed header property: " + property);
            }
        }
        Set<Form> allowed = ALLOWED.get(parts[1].toLowerCase(Locale.ROOT));
        if (allowed != null && !allowed.contains(form)) {
            throw Args.invalid(argument, "asks for " + parts[1] + " in form " + form.suffix
                    + ", which RFC 8621 section 4.1.2 does not allow for that field: " + property);
        }
        return new HeaderProperty(property, parts[1], form, all);
    }

    private static Form formNamed(String suffix) {
        for (Form f : Form.values()) {
            if (f.suffix.equals(suffix)) {
                return f;
            }
        }
        return null;
    }

    /** The property's value over the fields of a message or part. */
    JsonNode value(List<EmailHeader> headers) {
        if (all) {
            ArrayNode values = JSON.arrayNode();
            for (EmailHeader header : headers) {
                if (header.name().equalsIgnoreCase(name)) {
                    values.add(form(header.value()));
                }
            }
            return values;
        }
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                return form(headers.get(i).value());
            }
        }
        return NullNode.instance;
    }

    private JsonNode form(String raw) {
        return switch (form) {
            case RAW -> TextNode.valueOf(raw);
            case TEXT -> TextNode.valueOf(HeaderForms.text(raw));
            case ADDRESSES -> addresses(HeaderForms.addresses(raw));
            case GROUPED_ADDRESSES -> groups(HeaderForms.groupedAddresses(raw));
            case MESSAGE_IDS -> strings(HeaderForms.messageIds(raw));
            case DATE -> date(HeaderForms.date(raw));
            case URLS -> strings(HeaderForms.urls(raw));
        };
    }

    /** The {@code headers} property: every field in order as {name, value} in Raw form. */
    static ArrayNode all(List<EmailHeader> headers) {
        ArrayNode array = JSON.arrayNode();
        headers.forEach(h -> array.addObject().put("name", h.name()).put("value", h.value()));
        return array;
    }

    static ArrayNode addresses(List<EmailAddress> addresses) {
        ArrayNode array = JSON.arrayNode();
        addresses.forEach(a -> array.addObject().put("name", a.name()).put("email", a.email()));
        return array;
    }

    private static ArrayNode groups(List<EmailAddressGroup> groups) {
        ArrayNode array = JSON.arrayNode();
        for (EmailAddressGroup group : groups) {
            ObjectNode node = array.addObject().put("name", group.name());
            node.set("addresses", addresses(group.addresses()));
        }
        return array;
    }

    private static JsonNode strings(List<String> values) {
        if (values == null) {
            return NullNode.instance;
        }
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static JsonNode date(OffsetDateTime date) {
        return date == null ? NullNode.instance : TextNode.valueOf(DATE.format(date));
    }
}
