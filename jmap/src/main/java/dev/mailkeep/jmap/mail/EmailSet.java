// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailSetResult;
import dev.mailkeep.store.EmailUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Email/set} (RFC 8621 section 4.6, the standard /set of RFC 8620 section 5.3) for
 * updating keywords and mailboxIds and destroying emails; all updates go to the store in one
 * transaction, then all destroys in another. Creating emails is not supported yet and is refused
 * as an invalid argument rather than ignored.
 *
 * <p>{@code ifInState} is compared with the state read just before the store call; a change
 * committed between that read and the store's transaction is not detected.
 */
final class EmailSet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String ifInState = args.get("ifInState") == null ? null : args.requiredString("ifInState");
        JsonNode create = args.get("create");
        if (create != null && (!create.isObject() || !create.isEmpty())) {
            throw Args.invalid("create", "is not supported by this server yet; only update and destroy are");
        }
        JsonNode update = args.get("update");
        if (update != null && !update.isObject()) {
            throw Args.invalid("update", "must be an object of id to PatchObject");
        }
        List<String> destroy = args.stringList("destroy");
        args.done();
        int objects = (update == null ? 0 : update.size()) + (destroy == null ? 0 : destroy.size());
        if (objects > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " objects may be changed in one call (maxObjectsInSet)"));
        }

        String oldState = context.store().state(account, DataType.EMAIL).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the Email state is " + oldState));
        }
        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("oldState", oldState);
        ObjectNode notUpdated = JSON.objectNode();
        ObjectNode updated = JSON.objectNode();
        if (update != null) {
            applyUpdates((ObjectNode) update, context, account, updated, notUpdated);
        }
        List<String> destroyed = new ArrayList<>();
        ObjectNode notDestroyed = JSON.objectNode();
        if (destroy != null) {
            applyDestroys(destroy, context, account, destroyed, notDestroyed);
        }
        response.put("newState", context.store().state(account, DataType.EMAIL).encode());
        SetResults.put(response, null, updated, JSON.arrayNode().addAll(destroyed.stream().map(JSON::textNode).toList()),
                null, notUpdated, notDestroyed);
        return response;
    }

    private static void applyUpdates(ObjectNode update, MethodContext context, AccountId account,
                                     ObjectNode updated, ObjectNode notUpdated) {
        Map<EmailId, EmailUpdate> valid = new LinkedHashMap<>();
        Map<EmailId, Set<String>> touched = new LinkedHashMap<>();
        Map<EmailId, String> requestedIds = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            String requested = entry.getKey();
            EmailId id = emailId(context.resolveId(requested));
            if (id == null) {
                notUpdated.set(requested, Wire.write(SetError.notFound()));
                continue;
            }
            switch (EmailPatch.read(entry.getValue())) {
                case EmailPatch.Result.Valid(EmailUpdate emailUpdate, Set<String> properties) -> {
                    valid.put(id, emailUpdate);
                    touched.put(id, properties);
                    requestedIds.put(id, requested);
                }
                case EmailPatch.Result.Invalid(SetError error) -> notUpdated.set(requested, Wire.write(error));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        EmailSetResult result = context.store().updateEmails(account, valid);
        result.succeeded().forEach(id -> updated.putNull(requestedIds.get(id)));
        result.failed().forEach((id, failure) -> notUpdated.set(requestedIds.get(id),
                Wire.write(SetErrors.of(failure, List.copyOf(new LinkedHashSet<>(touched.get(id)))))));
    }

    private static void applyDestroys(List<String> destroy, MethodContext context, AccountId account,
                                      List<String> destroyed, ObjectNode notDestroyed) {
        Map<EmailId, String> requestedIds = new LinkedHashMap<>();
        for (String requested : destroy) {
            EmailId id = emailId(context.resolveId(requested));
            if (id == null) {
                notDestroyed.set(requested, Wire.write(SetError.notFound()));
            } else {
                requestedIds.putIfAbsent(id, requested);
            }
        }
        if (requestedIds.isEmpty()) {
            return;
        }
        EmailSetResult result = context.store().destroyEmails(account, requestedIds.keySet());
        result.succeeded().forEach(id -> destroyed.add(requestedIds.get(id)));
        result.failed().forEach((id, failure) -> notDestroyed.set(requestedIds.get(id), Wire.write(SetErrors.of(failure, List.of()))));
    }

    private static EmailId emailId(String id) {
        try {
            return new EmailId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
