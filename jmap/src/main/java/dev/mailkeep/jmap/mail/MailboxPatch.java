// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.MailboxSpec;
import dev.mailkeep.store.model.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Mailbox object for Mailbox/set create, or a PatchObject for update (RFC 8620 section
 * 5.3, RFC 8621 section 2.5), into the store's {@link MailboxSpec}. Only the client-settable
 * properties may be given; anything else is {@code invalidProperties} naming it.
 */
final class MailboxPatch {
    sealed interface Result {
        record Valid(MailboxSpec spec) implements Result {}

        record Invalid(SetError error) implements Result {}
    }

    private static final Set<String> SETTABLE = Set.of("name", "parentId", "role", "sortOrder", "isSubscribed");

    private MailboxPatch() {}

    static Result create(JsonNode object, MethodContext context) {
        if (!object.isObject()) {
            return invalid("a Mailbox must be an object", List.of());
        }
        if (!object.hasNonNull("name")) {
            return invalid("name is required", List.of("name"));
        }
        return apply(new MailboxSpec("", null, null, 0, true), object, context, true);
    }

    static Result update(Mailbox mailbox, JsonNode patch, MethodContext context) {
        if (!patch.isObject()) {
            return new Result.Invalid(new SetError("invalidPatch", "an update must be a PatchObject", List.of()));
        }
        return apply(new MailboxSpec(mailbox.name(), mailbox.parentId(), mailbox.role(), mailbox.sortOrder(),
                mailbox.isSubscribed()), patch, context, false);
    }

    /** @param creating a create, whose parentId may name another create of the same call ("#id") */
    private static Result apply(MailboxSpec base, JsonNode changes, MethodContext context, boolean creating) {
        String name = base.name();
        MailboxId parent = base.parentId();
        String parentCreation = null;
        MailboxRole role = base.role();
        int sortOrder = base.sortOrder();
        boolean subscribed = base.isSubscribed();
        List<String> invalid = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : changes.properties()) {
            String property = entry.getKey();
            JsonNode value = entry.getValue();
            if (!SETTABLE.contains(property)) {
                invalid.add(property);
                continue;
            }
            switch (property) {
                case "name" -> {
                    if (value.isTextual() && !value.textValue().isBlank() && value.textValue().length() <= 255) {
                        name = value.textValue();
                    } else {
                        invalid.add(property);
                    }
                }
                case "parentId" -> {
                    if (value.isNull()) {
                        parent = null;
                    } else if (creating && value.isTextual() && value.textValue().length() > 1
                            && context.resolveId(value.textValue()).startsWith("#")) {
                        parent = null;
                        parentCreation = value.textValue().substring(1);
                    } else if (value.isTextual() && parentId(context.resolveId(value.textValue())) != null) {
                        parent = parentId(context.resolveId(value.textValue()));
                    } else {
                        invalid.add(property);
                    }
                }
                case "role" -> {
                    if (value.isNull()) {
                        role = null;
                    } else if (value.isTextual() && role(value.textValue()) != null) {
                        role = role(value.textValue());
                    } else {
                        invalid.add(property);
                    }
                }
                case "sortOrder" -> {
                    if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
                        sortOrder = value.intValue();
                    } else {
                        invalid.add(property);
                    }
                }
                case "isSubscribed" -> {
                    if (value.isBoolean()) {
                        subscribed = value.booleanValue();
                    } else {
                        invalid.add(property);
                    }
                }
                default -> invalid.add(property);
            }
        }
        if (!invalid.isEmpty()) {
            return invalid("invalid or not client-settable: " + String.join(", ", invalid), invalid);
        }
        return new Result.Valid(new MailboxSpec(name, parent, role, sortOrder, subscribed, parentCreation));
    }

    /** A parent id; a creation id not yet resolved (same call) is not a valid mailbox id. */
    private static MailboxId parentId(String id) {
        if (id.startsWith("#")) {
            return null;
        }
        try {
            return new MailboxId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MailboxRole role(String jmapName) {
        for (MailboxRole role : MailboxRole.values()) {
            if (role.jmapName().equals(jmapName)) {
                return role;
            }
        }
        return null;
    }

    private static Result invalid(String description, List<String> properties) {
        return new Result.Invalid(SetError.invalidProperties(description, properties));
    }
}
