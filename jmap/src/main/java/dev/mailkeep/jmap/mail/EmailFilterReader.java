// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.MailboxId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Email/query {@code filter} (RFC 8621 section 4.4.1, with the FilterOperators of RFC
 * 8620 section 5.5) into the store's {@link EmailFilter}. Every condition of section 4.4.1 is
 * understood; a wrongly typed value is {@code invalidArguments}, an unknown condition
 * {@code unsupportedFilter}.
 */
final class EmailFilterReader {
    private static final Set<String> KNOWN = Set.of("inMailbox", "inMailboxOtherThan", "before",
            "after", "minSize", "maxSize", "allInThreadHaveKeyword", "someInThreadHaveKeyword",
            "noneInThreadHaveKeyword", "hasKeyword", "notKeyword", "hasAttachment", "text", "from", "to", "cc", "bcc",
            "subject", "body", "header");

    /** Matches no email: NOT over a condition that matches every email. */
    private static final EmailFilter NOTHING =
            new EmailFilter.Operator(EmailFilter.Operator.Kind.NOT, List.of(EmailFilter.Condition.any()));

    private EmailFilterReader() {}

    /** The store filter, or null for no filter. */
    static EmailFilter read(JsonNode filter) {
        if (filter == null || filter.isNull()) {
            return null;
        }
        return node(filter);
    }

    private static EmailFilter node(JsonNode filter) {
        if (!filter.isObject()) {
            throw Args.invalid("filter", "must hold FilterOperator or FilterCondition objects");
        }
        if (!filter.has("operator")) {
            return condition((ObjectNode) filter);
        }
        JsonNode operator = filter.get("operator");
        JsonNode conditions = filter.get("conditions");
        if (filter.size() != 2 || !operator.isTextual() || conditions == null || !conditions.isArray()) {
            throw Args.invalid("filter", "a FilterOperator is {operator, conditions} with conditions an array");
        }
        EmailFilter.Operator.Kind kind;
        try {
            kind = EmailFilter.Operator.Kind.valueOf(operator.textValue());
        } catch (IllegalArgumentException e) {
            throw Args.invalid("filter", "operator must be AND, OR or NOT");
        }
        List<EmailFilter> parts = new ArrayList<>();
        for (JsonNode part : conditions) {
            parts.add(node(part));
        }
        return new EmailFilter.Operator(kind, parts);
    }

    private static EmailFilter condition(ObjectNode c) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : c.properties()) {
            if (!KNOWN.contains(entry.getKey())) {
                unknown.add(entry.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new MethodException(MethodError.unsupportedFilter("unknown filter conditions: " + String.join(", ", unknown)));
        }
        String inMailbox = string(c, "inMailbox");
        MailboxId mailbox = null;
        if (inMailbox != null) {
            mailbox = mailboxId(inMailbox);
            if (mailbox == null) {
                return NOTHING;
            }
        }
        List<MailboxId> otherThan = null;
        List<String> others = strings(c, "inMailboxOtherThan");
        if (others != null) {
            otherThan = others.stream().map(EmailFilterReader::mailboxId).filter(m -> m != null).toList();
        }
        List<String> header = strings(c, "header");
        if (header != null && (header.isEmpty() || header.size() > 2)) {
            throw Args.invalid("filter", "header must be [name] or [name, value]");
        }
        return new EmailFilter.Condition(mailbox, otherThan, date(c, "before"), date(c, "after"),
                size(c, "minSize"), size(c, "maxSize"), keyword(c, "allInThreadHaveKeyword"),
                keyword(c, "someInThreadHaveKeyword"), keyword(c, "noneInThreadHaveKeyword"), keyword(c, "hasKeyword"),
                keyword(c, "notKeyword"), bool(c, "hasAttachment"), string(c, "text"), string(c, "from"),
                string(c, "to"), string(c, "cc"), string(c, "bcc"), string(c, "subject"), string(c, "body"), header);
    }

    private static String string(ObjectNode c, String name) {
        JsonNode value = c.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Args.invalid("filter", name + " must be a string");
        }
        return value.textValue();
    }

    private static String keyword(ObjectNode c, String name) {
        String keyword = string(c, name);
        return keyword == null ? null : keyword.toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(ObjectNode c, String name) {
        JsonNode value = c.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    items = null;
                    break;
                }
                items.add(item.textValue());
            }
        }
        if (!value.isArray() || items == null) {
            throw Args.invalid("filter", name + " must be an array of strings");
        }
        return items;
    }

    private static Instant date(ObjectNode c, String name) {
        String text = string(c, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Args.invalid("filter", name + " must be a UTCDate such as 2014-10-30T06:12:00Z");
        }
    }

    private static Long size(ObjectNode c, String name) {
        JsonNode value = c.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw Args.invalid("filter", name + " must be an unsigned integer");
        }
        return value.longValue();
    }

    private static Boolean bool(ObjectNode c, String name) {
        JsonNode value = c.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw Args.invalid("filter", name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static MailboxId mailboxId(String id) {
        try {
            return new MailboxId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
