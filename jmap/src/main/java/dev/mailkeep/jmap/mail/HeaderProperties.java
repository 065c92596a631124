// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailkeep.jmap.mail.EmailCreate.Refused;
import dev.mailkeep.store.mime.MessageComposer;
import dev.mailkeep.store.mime.MessageComposer.AddressGroup;
import dev.mailkeep.store.mime.MessageComposer.Header;
import dev.mailkeep.store.mime.MessageComposer.Value;
import dev.mailkeep.store.model.EmailAddress;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header field properties of an Email or EmailBodyPart being created (RFC 8621 sections
 * 4.1.2, 4.1.3 and 4.6): the convenience properties ({@code from}, {@code subject},
 * {@code sentAt} ...) and {@code header:Name[:form][:all]}, read into fields to write. A field may
 * be given once, in a form section 4.1.2 allows for it; Content-* fields are the body parts'
 * business and are refused here.
 */
final class HeaderProperties {
    enum Form { RAW, TEXT, ADDRESSES, GROUPED_ADDRESSES, MESSAGE_IDS, DATE, URLS }

    /** The convenience properties: the field each stands for and its form. */
    private static final Map<String, Map.Entry<String, Form>> CONVENIENCE = Map.ofEntries(
            Map.entry("messageId", Map.entry("Message-ID", Form.MESSAGE_IDS)),
            Map.entry("inReplyTo", Map.entry("In-Reply-To", Form.MESSAGE_IDS)),
            Map.entry("references", Map.entry("References", Form.MESSAGE_IDS)),
            Map.entry("sender", Map.entry("Sender", Form.ADDRESSES)),
            Map.entry("from", Map.entry("From", Form.ADDRESSES)),
            Map.entry("to", Map.entry("To", Form.ADDRESSES)),
            Map.entry("cc", Map.entry("Cc", Form.ADDRESSES)),
            Map.entry("bcc", Map.entry("Bcc", Form.ADDRESSES)),
            Map.entry("replyTo", Map.entry("Reply-To", Form.ADDRESSES)),
            Map.entry("subject", Map.entry("Subject", Form.TEXT)),
            Map.entry("sentAt", Map.entry("Date", Form.DATE)));

    /** Section 4.1.2: the forms besides Raw that the fields it names may be read and written in. */
    private static final Map<String, Set<Form>> KNOWN = known();

    private HeaderProperties() {}

    private static Map<String, Set<Form>> known() {
        Map<String, Set<Form>> known = new HashMap<>();
        Set<Form> addresses = Set.of(Form.ADDRESSES, Form.GROUPED_ADDRESSES);
        for (String name : List.of("from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender",
                "resent-reply-to", "resent-to", "resent-cc", "resent-bcc")) {
            known.put(name, addresses);
        }
        for (String name : List.of("message-id", "in-reply-to", "references", "resent-message-id")) {
            known.put(name, Set.of(Form.MESSAGE_IDS));
        }
        for (String name : List.of("date", "resent-date")) {
            known.put(name, Set.of(Form.DATE));
        }
        for (String name : List.of("subject", "comments", "keywords", "list-id")) {
            known.put(name, Set.of(Form.TEXT));
        }
        for (String name : List.of("list-help", "list-unsubscribe", "list-subscribe", "list-post", "list-owner",
                "list-archive")) {
            known.put(name, Set.of(Form.URLS));
        }
        return known;
    }

    /**
     * @param path     the JSON path of the object, for error property names ("" or "attachments/0/")
     * @param topLevel whether this is the Email (convenience properties allowed) or a body part
     */
    static List<Header> read(JsonNode object, String path, boolean topLevel) throws Refused {
        List<Header> headers = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String property = field.getKey();
            String name;
            Form form;
            boolean all = false;
            if (topLevel && CONVENIENCE.containsKey(property)) {
                name = CONVENIENCE.get(property).getKey();
                form = CONVENIENCE.get(property).getValue();
            } else if (property.startsWith("header:")) {
                List<String> pieces = List.of(property.substring("header:".length()).split(":", -1));
                name = pieces.getFirst();
                int next = 1;
                form = Form.RAW;
                if (pieces.size() > next && !pieces.get(next).equals("all")) {
                    form = form(pieces.get(next), path + property);
                    next++;
                }
                if (pieces.size() > next && pieces.get(next).equals("all")) {
                    all = true;
                    next++;
                }
                if (pieces.size() != next || name.isEmpty()) {
                    throw Refused.invalid(path + property, "not a header property: " + property);
                }
            } else {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-") && (topLevel || !lower.equals("content-description"))) {
                throw Refused.invalid(path + property, topLevel
                        ? "Content-* fields belong to the body parts" : "set the part's " + name + " through its properties");
            }
            Set<Form> allowed = KNOWN.get(lower);
            if (form != Form.RAW && allowed != null && !allowed.contains(form)) {
                throw Refused.invalid(path + property, name + " may not be given in that form (RFC 8621 section 4.1.2)");
            }
            String earlier = seen.putIfAbsent(lower, property);
            if (earlier != null) {
                throw new Refused("invalidProperties", earlier + " and " + property + " set the same header field",
                        List.of(path + earlier, path + property), List.of());
            }
            JsonNode value = field.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            if (all) {
                if (!value.isArray()) {
                    throw Refused.invalid(path + property, ":all takes an array of values");
                }
                for (JsonNode one : value) {
                    headers.add(header(name, form, one, path + property));
                }
            } else {
                headers.add(header(name, form, value, path + property));
            }
        }
        return headers;
    }

    private static Form form(String suffix, String property) throws Refused {
        return switch (suffix) {
            case "asRaw" -> Form.RAW;
            case "asText" -> Form.TEXT;
            case "asAddresses" -> Form.ADDRESSES;
            case "asGroupedAddresses" -> Form.GROUPED_ADDRESSES;
            case "asMessageIds" -> Form.MESSAGE_IDS;
            case "asDate" -> Form.DATE;
            case "asURLs" -> Form.URLS;
            default -> throw Refused.invalid(property, "unknown header form " + suffix);
        };
    }

    private static Header header(String name, Form form, JsonNode value, String property) throws Refused {
        try {
            Header header = new Header(name, switch (form) {
                case RAW -> new Value.Raw(string(value, property));
                case TEXT -> new Value.Text(string(value, property));
                case ADDRESSES -> new Value.Addresses(addresses(value, property));
                case GROUPED_ADDRESSES -> {
                    List<AddressGroup> groups = new ArrayList<>();
                    for (JsonNode group : array(value, property)) {
                        JsonNode groupName = group.get("name");
                        groups.add(new AddressGroup(groupName == null || groupName.isNull() ? null : groupName.asText(),
                                addresses(group.get("addresses"), property)));
                    }
                    yield new Value.GroupedAddresses(groups);
                }
                case MESSAGE_IDS -> new Value.MessageIds(strings(value, property));
                case DATE -> new Value.Date(OffsetDateTime.parse(string(value, property)));
                case URLS -> new Value.Urls(strings(value, property));
            });
            MessageComposer.validate(header);
            return header;
        } catch (DateTimeParseException e) {
            throw Refused.invalid(property, property + " must be an RFC 3339 date-time");
        } catch (IllegalArgumentException e) {
            throw Refused.invalid(property, e.getMessage());
        }
    }

    private static String string(JsonNode value, String property) throws Refused {
        if (!value.isTextual()) {
            throw Refused.invalid(property, property + " must be a string");
        }
        return value.textValue();
    }

    private static JsonNode array(JsonNode value, String property) throws Refused {
        if (value == null || !value.isArray()) {
            throw Refused.invalid(property, property + " must be an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode value, String property) throws Refused {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array(value, property)) {
            out.add(string(item, property));
        }
        return out;
    }

    private static List<EmailAddress> addresses(JsonNode value, String property) throws Refused {
        List<EmailAddress> out = new ArrayList<>();
        for (JsonNode item : array(value, property)) {
            out.add(EmailCreate.address(item, property));
        }
        return out;
    }
}
