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
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxSetResult;
import dev.mailkeep.store.MailboxSpec;
import dev.mailkeep.store.model.Mailbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code Mailbox/set} (RFC 8621 section 2.5): creates, updates (name, parentId, role, sortOrder,
 * isSubscribed) and destroys in one store transaction, which checks sibling names, parent cycles
 * and role uniqueness. A parentId may be a creation id ({@code #id}) from an earlier call or, in a
 * create, of another create in the same call, which the store makes first.
 */
final class MailboxSet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String ifInState = args.get("ifInState") == null ? null : args.requiredString("ifInState");
        JsonNode create = objectArg(args, "create");
        JsonNode update = objectArg(args, "update");
        List<String> destroy = args.stringList("destroy");
        boolean removeEmails = args.bool("onDestroyRemoveEmails", false);
        args.done();
        int objects = (create == null ? 0 : create.size()) + (update == null ? 0 : update.size())
                + (destroy == null ? 0 : destroy.size());
        if (objects > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " objects may be changed in one call (maxObjectsInSet)"));
        }
        String oldState = context.store().state(account, DataType.MAILBOX).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the Mailbox state is " + oldState));
        }
        Map<String, Mailbox> current = context.store().mailboxes(account).stream()
                .collect(Collectors.toMap(m -> m.id().value(), Function.identity()));

        ObjectNode notCreated = JSON.objectNode();
        ObjectNode notUpdated = JSON.objectNode();
        ObjectNode notDestroyed = JSON.objectNode();
        Map<String, MailboxSpec> creates = new LinkedHashMap<>();
        if (create != null) {
            for (Map.Entry<String, JsonNode> entry : create.properties()) {
                MailboxPatch.Result result = MailboxPatch.create(entry.getValue(), context);
                switch (result) {
                    case MailboxPatch.Result.Valid(MailboxSpec spec) -> creates.put(entry.getKey(), spec);
                    case MailboxPatch.Result.Invalid(SetError error) -> notCreated.set(entry.getKey(), Wire.write(error));
                }
            }
        }
        Map<MailboxId, MailboxSpec> updates = new LinkedHashMap<>();
        Map<MailboxId, JsonNode> patches = new LinkedHashMap<>();
        if (update != null) {
            for (Map.Entry<String, JsonNode> entry : update.properties()) {
                Mailbox mailbox = current.get(context.resolveId(entry.getKey()));
                if (mailbox == null) {
                    notUpdated.set(entry.getKey(), Wire.write(SetError.notFound()));
                    continue;
                }
                switch (MailboxPatch.update(mailbox, entry.getValue(), context)) {
                    case MailboxPatch.Result.Valid(MailboxSpec spec) -> {
                        updates.put(mailbox.id(), spec);
                        patches.put(mailbox.id(), entry.getValue());
                    }
                    case MailboxPatch.Result.Invalid(SetError error) -> notUpdated.set(mailbox.id().value(), Wire.write(error));
                }
            }
        }
        List<MailboxId> destroys = new ArrayList<>();
        if (destroy != null) {
            for (String id : destroy) {
                Mailbox mailbox = current.get(context.resolveId(id));
                if (mailbox == null) {
                    notDestroyed.set(id, Wire.write(SetError.notFound()));
                } else {
                    destroys.add(mailbox.id());
                }
            }
        }
        MailboxSetResult result = creates.isEmpty() && updates.isEmpty() && destroys.isEmpty()
                ? new MailboxSetResult(Map.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of())
                : context.store().setMailboxes(account, creates, updates, destroys, removeEmails);

        Map<String, Mailbox> after = context.store().mailboxes(account).stream()
                .collect(Collectors.toMap(m -> m.id().value(), Function.identity()));
        ObjectNode created = JSON.objectNode();
        result.created().forEach((creationId, id) -> {
            context.createdIds().put(creationId, id.value());
            created.set(creationId, serverSet(id, after.get(id.value()), create.get(creationId)));
        });
        result.notCreated().forEach((cid, failure) -> notCreated.set(cid, Wire.write(SetErrors.of(failure, touched(create.get(cid))))));
        ObjectNode updated = JSON.objectNode();
        result.updated().forEach(id -> updated.putNull(id.value()));
        result.notUpdated().forEach((id, failure) -> notUpdated.set(id.value(),
                Wire.write(SetErrors.of(failure, touched(patches.get(id))))));
        ArrayNode destroyed = JSON.arrayNode();
        result.destroyed().forEach(id -> destroyed.add(id.value()));
        result.notDestroyed().forEach((id, failure) -> notDestroyed.set(id.value(), Wire.write(SetErrors.of(failure, List.of()))));

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("oldState", oldState);
        response.put("newState", context.store().state(account, DataType.MAILBOX).encode());
        return SetResults.put(response, created, updated, destroyed, notCreated, notUpdated, notDestroyed);
    }

    private static JsonNode objectArg(Args args, String name) {
        JsonNode value = args.get(name);
        if (value != null && !value.isObject()) {
            throw Args.invalid(name, "must be an object");
        }
        return value;
    }

    /**
     * The id, the server-set properties and every property the client left out and the server
     * gave its default (RFC 8620 section 5.3: "any properties that were omitted by the client and
     * thus set to a default by the server").
     */
    private static ObjectNode serverSet(MailboxId id, Mailbox mailbox, JsonNode given) {
        if (mailbox == null) {
            return JSON.objectNode().put("id", id.value());
        }
        Set<String> omitted = new LinkedHashSet<>(MailboxGet.PROPERTIES);
        given.fieldNames().forEachRemaining(omitted::remove);
        omitted.add("id");
        return MailboxGet.write(mailbox, omitted);
    }

    private static List<String> touched(JsonNode object) {
        List<String> properties = new ArrayList<>();
        if (object != null && object.isObject()) {
            object.fieldNames().forEachRemaining(properties::add);
        }
        return properties;
    }
}
