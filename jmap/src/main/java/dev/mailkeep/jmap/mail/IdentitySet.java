// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.SetResults;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.IdentityId;
import dev.mailkeep.store.IdentitySetResult;
import dev.mailkeep.store.IdentitySpec;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Identity/set} (RFC 8621 section 6.3) in one store transaction. The store allows only the
 * account's own address ({@code forbiddenFrom} otherwise) and keeps the account's first identity.
 * The email of an existing identity is immutable, as the RFC says.
 */
final class IdentitySet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String ifInState = args.get("ifInState") == null ? null : args.requiredString("ifInState");
        JsonNode create = args.get("create");
        JsonNode update = args.get("update");
        List<String> destroy = args.stringList("destroy");
        args.done();
        int objects = (create == null ? 0 : create.size()) + (update == null ? 0 : update.size())
                + (destroy == null ? 0 : destroy.size());
        if (objects > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " objects may be changed in one call (maxObjectsInSet)"));
        }
        String oldState = context.store().state(account, DataType.IDENTITY).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the Identity state is " + oldState));
        }
        Map<String, Identity> current = new LinkedHashMap<>();
        context.store().identities(account).forEach(i -> current.put(i.id().value(), i));

        ObjectNode notCreated = JSON.objectNode();
        ObjectNode notUpdated = JSON.objectNode();
        ObjectNode notDestroyed = JSON.objectNode();
        Map<String, IdentitySpec> creates = new LinkedHashMap<>();
        if (create != null && create.isObject()) {
            for (Map.Entry<String, JsonNode> entry : create.properties()) {
                try {
                    creates.put(entry.getKey(), spec(new IdentitySpec("", "", null, null, "", ""), entry.getValue(), true));
                } catch (Invalid e) {
                    notCreated.set(entry.getKey(), Wire.write(SetError.invalidProperties(e.getMessage(), e.properties)));
                }
            }
        }
        Map<IdentityId, IdentitySpec> updates = new LinkedHashMap<>();
        if (update != null && update.isObject()) {
            for (Map.Entry<String, JsonNode> entry : update.properties()) {
                Identity identity = current.get(context.resolveId(entry.getKey()));
                if (identity == null) {
                    notUpdated.set(entry.getKey(), Wire.write(SetError.notFound()));
                    continue;
                }
                try {
                    updates.put(identity.id(), spec(new IdentitySpec(identity.name(), identity.email(), identity.replyTo(),
                            identity.bcc(), identity.textSignature(), identity.htmlSignature()), entry.getValue(), false));
                } catch (Invalid e) {
                    notUpdated.set(entry.getKey(), Wire.write(SetError.invalidProperties(e.getMessage(), e.properties)));
                }
            }
        }
        List<IdentityId> destroys = new ArrayList<>();
        if (destroy != null) {
            for (String id : destroy) {
                Identity identity = current.get(context.resolveId(id));
                if (identity == null) {
                    notDestroyed.set(id, Wire.write(SetError.notFound()));
                } else {
                    destroys.add(identity.id());
                }
            }
        }
        IdentitySetResult result = creates.isEmpty() && updates.isEmpty() && destroys.isEmpty()
                ? new IdentitySetResult(Map.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of())
                : context.store().setIdentities(account, creates, updates, destroys);

        ObjectNode created = JSON.objectNode();
        Map<String, Identity> after = new LinkedHashMap<>();
        if (!result.created().isEmpty()) {
            context.store().identities(account).forEach(i -> after.put(i.id().value(), i));
        }
        result.created().forEach((cid, id) -> {
            context.createdIds().put(cid, id.value());
            // RFC 8620 section 5.3: the id, mayDelete, and every property the client left out and
            // the server gave its default.
            java.util.Set<String> omitted = new java.util.LinkedHashSet<>(IdentityGet.PROPERTIES);
            create.get(cid).fieldNames().forEachRemaining(omitted::remove);
            omitted.add("id");
            omitted.add("mayDelete");
            Identity identity = after.get(id.value());
            created.set(cid, identity == null ? JSON.objectNode().put("id", id.value()).put("mayDelete", true)
                    : IdentityGet.write(identity, omitted));
        });
        result.notCreated().forEach((cid, failure) -> notCreated.set(cid, Wire.write(SetErrors.of(failure, List.of("email")))));
        ObjectNode updated = JSON.objectNode();
        result.updated().forEach(id -> updated.putNull(id.value()));
        result.notUpdated().forEach((id, failure) -> notUpdated.set(id.value(), Wire.write(SetErrors.of(failure, List.of()))));
        ArrayNode destroyed = JSON.arrayNode();
        result.destroyed().forEach(id -> destroyed.add(id.value()));
        result.notDestroyed().forEach((id, failure) -> notDestroyed.set(id.value(), Wire.write(SetErrors.of(failure, List.of()))));

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("oldState", oldState);
        response.put("newState", context.store().state(account, DataType.IDENTITY).encode());
        return SetResults.put(response, created, updated, destroyed, notCreated, notUpdated, notDestroyed);
    }

    private static final class Invalid extends Exception {
        private final List<String> properties;

        Invalid(List<String> properties) {
            super("invalid or not settable: " + String.join(", ", properties), null, false, false);
            this.properties = properties;
        }
    }

    /** The spec after applying {@code changes}; email may be set only on create. */
    private static IdentitySpec spec(IdentitySpec base, JsonNode changes, boolean creating) throws Invalid {
        if (!changes.isObject()) {
            throw new Invalid(List.of());
        }
        String name = base.name();
        String email = base.email();
        List<EmailAddress> replyTo = base.replyTo();
        List<EmailAddress> bcc = base.bcc();
        String text = base.textSignature();
        String html = base.htmlSignature();
        List<String> invalid = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : changes.properties()) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "name" -> name = value.isTextual() ? value.textValue() : bad(invalid, "name", name);
                case "email" -> {
                    if (creating && value.isTextual()) {
                        email = value.textValue();
                    } else {
                        invalid.add("email");
                    }
                }
                case "replyTo" -> replyTo = addresses(value, "replyTo", invalid, replyTo);
                case "bcc" -> bcc = addresses(value, "bcc", invalid, bcc);
                case "textSignature" -> text = value.isTextual() ? value.textValue() : bad(invalid, "textSignature", text);
                case "htmlSignature" -> html = value.isTextual() ? value.textValue() : bad(invalid, "htmlSignature", html);
                default -> invalid.add(entry.getKey());
            }
        }
        if (creating && email.isEmpty() && !invalid.contains("email")) {
            invalid.add("email");
        }
        if (!invalid.isEmpty()) {
            throw new Invalid(invalid);
        }
        return new IdentitySpec(name, email, replyTo, bcc, text, html);
    }

    private static <T> T bad(List<String> invalid, String property, T unchanged) {
        invalid.add(property);
        return unchanged;
    }

    private static List<EmailAddress> addresses(JsonNode value, String property, List<String> invalid,
                                                List<EmailAddress> unchanged) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            return bad(invalid, property, unchanged);
        }
        List<EmailAddress> addresses = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.path("email").isTextual() || (item.hasNonNull("name") && !item.get("name").isTextual())) {
                return bad(invalid, property, unchanged);
            }
            addresses.add(new EmailAddress(item.hasNonNull("name") ? item.get("name").textValue() : null,
                    item.get("email").textValue()));
        }
        return addresses;
    }
}
