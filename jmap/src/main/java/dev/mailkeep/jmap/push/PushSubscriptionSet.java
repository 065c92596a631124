// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.SetResults;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PushSubscription/set} (RFC 8620 section 7.2.2): create (deviceClientId, url, optional
 * keys, expires and types; with {@code keys} every message is encrypted per RFC 8291), update
 * (verificationCode, expires, types) and destroy, with no accountId and no states.
 * {@code expires} is clamped to the server's maximum.
 */
public final class PushSubscriptionSet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> UPDATABLE = Set.of("verificationCode", "expires", "types");

    private final PushSubscriptions subscriptions;

    public PushSubscriptionSet(PushSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        JsonNode create = objectOrNull(args, "create");
        JsonNode update = objectOrNull(args, "update");
        List<String> destroy = args.stringList("destroy");
        args.done();
        AccountId account = context.user().id();
        ObjectNode created = JSON.objectNode();
        ObjectNode notCreated = JSON.objectNode();
        ObjectNode updated = JSON.objectNode();
        ObjectNode notUpdated = JSON.objectNode();
        List<String> destroyed = new java.util.ArrayList<>();
        ObjectNode notDestroyed = JSON.objectNode();

        for (Iterator<Map.Entry<String, JsonNode>> it = fields(create); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                PushSubscriptions.View view = create(account, entry.getValue());
                context.createdIds().put(entry.getKey(), view.id());
                created.set(entry.getKey(), PushSubscriptionGet.write(view, Set.of("expires")));
            } catch (IllegalArgumentException e) {
                notCreated.set(entry.getKey(), invalid(e));
            } catch (IllegalStateException e) {
                notCreated.set(entry.getKey(), Wire.write(new SetError("forbidden", e.getMessage(), List.of())));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields(update); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = context.resolveId(entry.getKey());
            try {
                Optional<PushSubscriptions.View> view = update(account, id, entry.getValue());
                if (view.isEmpty()) {
                    notUpdated.set(entry.getKey(), Wire.write(SetError.notFound()));
                } else {
                    updated.set(id, entry.getValue().has("expires")
                            ? PushSubscriptionGet.write(view.get(), Set.of("expires")).without("id") : JSON.nullNode());
                }
            } catch (IllegalArgumentException e) {
                notUpdated.set(entry.getKey(), invalid(e));
            }
        }
        for (String id : destroy == null ? List.<String>of() : destroy) {
            if (subscriptions.destroy(account, context.resolveId(id))) {
                destroyed.add(context.resolveId(id));
            } else {
                notDestroyed.set(id, Wire.write(SetError.notFound()));
            }
        }
        return SetResults.put(JSON.objectNode(), created, updated,
                JSON.arrayNode().addAll(destroyed.stream().map(JSON::textNode).toList()), notCreated, notUpdated, notDestroyed);
    }

    private PushSubscriptions.View create(AccountId account, JsonNode object) {
        if (!object.isObject()) {
            throw new IllegalArgumentException(": a PushSubscription must be an object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("deviceClientId", "url", "keys", "expires", "types", "verificationCode").contains(name)) {
                throw new IllegalArgumentException(name + ": unknown property");
            }
        }
        if (!object.path("verificationCode").isMissingNode() && !object.path("verificationCode").isNull()) {
            throw new IllegalArgumentException("verificationCode: must be null on create");
        }
        String deviceClientId = requiredString(object, "deviceClientId");
        String url = requiredString(object, "url");
        return subscriptions.create(account, deviceClientId, url, keys(object), expires(object), types(object).orElse(null));
    }

    private Optional<PushSubscriptions.View> update(AccountId account, String id, JsonNode patch) {
        if (!patch.isObject()) {
            throw new IllegalArgumentException(": a patch must be an object");
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!UPDATABLE.contains(name)) {
                throw new IllegalArgumentException(name + ": cannot be changed");
            }
        }
        String code = patch.has("verificationCode") ? requiredString(patch, "verificationCode") : null;
        return subscriptions.update(account, id, code, expires(patch), patch.has("types") ? types(patch) : null);
    }

    private static String requiredString(JsonNode object, String name) {
        JsonNode value = object.path(name);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException(name + ": must be a non-empty string");
        }
        return value.textValue();
    }

    /** The RFC 8291 keys: {@code {"p256dh": ..., "auth": ...}} in URL-safe base64, or null. */
    private static WebPushEncryption.Keys keys(JsonNode object) {
        JsonNode keys = object.path("keys");
        if (keys.isMissingNode() || keys.isNull()) {
            return null;
        }
        if (!keys.isObject() || !keys.path("p256dh").isTextual() || !keys.path("auth").isTextual() || keys.size() != 2) {
            throw new IllegalArgumentException("keys: must be null or {\"p256dh\": String, \"auth\": String}");
        }
        try {
            return WebPushEncryption.Keys.parse(keys.get("p256dh").textValue(), keys.get("auth").textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("keys: " + e.getMessage());
        }
    }

    private static Instant expires(JsonNode object) {
        JsonNode value = object.path("expires");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            if (value.isTextual() && value.textValue().endsWith("Z")) {
                return Instant.parse(value.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("expires: must be a UTCDate such as 2026-11-30T12:00:00Z");
    }

    /** The types asked for; empty for null (all types). Names this server does not know are ignored. */
    private static Optional<Set<PushType>> types(JsonNode object) {
        JsonNode value = object.path("types");
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("types: must be null or an array of type names");
        }
        Set<PushType> types = EnumSet.noneOf(PushType.class);
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("types: must be null or an array of type names");
            }
            PushType.byName(name.textValue()).ifPresent(types::add);
        }
        return Optional.of(types);
    }

    private static JsonNode objectOrNull(Args args, String name) {
        JsonNode value = args.get(name);
        if (value != null && !value.isNull() && !value.isObject()) {
            throw Args.invalid(name, "must be an object or null");
        }
        return value;
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        return object == null || object.isNull() ? java.util.Collections.emptyIterator() : object.fields();
    }

    private static ObjectNode invalid(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        String property = colon > 0 ? message.substring(0, colon) : "";
        String description = colon >= 0 ? message.substring(colon + 2) : message;
        return Wire.write(SetError.invalidProperties(description, property.isEmpty() ? List.of() : List.of(property)));
    }
}
