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
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailSetResult;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.ImportResult;
import dev.mailkeep.store.model.EmailRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Email/set} (RFC 8621 section 4.6, the standard /set of RFC 8620 section 5.3): creates
 * (drafts written as MIME by {@link EmailCreate}, stored like an import, in one transaction), then
 * updates of keywords and mailboxIds in one transaction, then destroys in another. Later
 * operations may refer to the emails created by {@code #creationId}.
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
        if (create != null && !create.isNull() && !create.isObject()) {
            throw Args.invalid("create", "must be an object of creation id to Email");
        }
        JsonNode update = args.get("update");
        if (update != null && !update.isObject()) {
            throw Args.invalid("update", "must be an object of id to PatchObject");
        }
        List<String> destroy = args.stringList("destroy");
        args.done();
        int objects = (create == null ? 0 : create.size()) + (update == null ? 0 : update.size())
                + (destroy == null ? 0 : destroy.size());
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
        ObjectNode created = JSON.objectNode();
        ObjectNode notCreated = JSON.objectNode();
        if (create != null && create.isObject()) {
            applyCreates((ObjectNode) create, context, account, created, notCreated);
        }
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
        SetResults.put(response, created, updated, JSON.arrayNode().addAll(destroyed.stream().map(JSON::textNode).toList()),
                notCreated, notUpdated, notDestroyed);
        return response;
    }

    private static void applyCreates(ObjectNode create, MethodContext context, AccountId account,
                                     ObjectNode created, ObjectNode notCreated) {
        Map<String, dev.mailkeep.store.EmailImport> drafts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : create.properties()) {
            try {
                EmailCreate.Draft draft = EmailCreate.read(entry.getValue(), context, account);
                BlobId blob = context.store().uploadBlob(account, draft.message());
                drafts.put(entry.getKey(), new dev.mailkeep.store.EmailImport(blob, draft.mailboxes(), draft.keywords(),
                        draft.receivedAt()));
            } catch (EmailCreate.Refused refused) {
                ObjectNode error = Wire.write(new SetError(refused.type, refused.getMessage(), refused.properties));
                if (!refused.blobsNotFound.isEmpty()) {
                    error.set("notFound", JSON.arrayNode().addAll(refused.blobsNotFound.stream().map(JSON::textNode).toList()));
                }
                notCreated.set(entry.getKey(), error);
            }
        }
        if (drafts.isEmpty()) {
            return;
        }
        ImportResult result = context.store().importEmails(account, drafts);
        Map<EmailId, EmailRecord> records = context.store().emails(account, result.created().values());
        result.created().forEach((creationId, id) -> {
            context.createdIds().put(creationId, id.value());
            ObjectNode node = created.putObject(creationId).put("id", id.value());
            EmailRecord email = records.get(id);
            if (email != null) {
                node.put("blobId", email.blobId().value()).put("threadId", email.threadId().value()).put("size", email.size());
            }
        });
        result.notCreated().forEach((creationId, failure) -> notCreated.set(creationId,
                Wire.write(SetErrors.of(failure, List.of("mailboxIds", "keywords")))));
    }

    private static void applyUpdates(ObjectNode update, MethodContext context, AccountId account,
                                     ObjectNode updated, ObjectNode notUpdated) {
        Map<EmailId, EmailUpdate> valid = new LinkedHashMap<>();
        Map<EmailId, Set<String>> touched = new LinkedHashMap<>();
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
                }
                case EmailPatch.Result.Invalid(SetError error) -> notUpdated.set(id.value(), Wire.write(error));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        EmailSetResult result = context.store().updateEmails(account, valid);
        // Answered by the real id, also when the client named the email by "#creationId".
        result.succeeded().forEach(id -> updated.putNull(id.value()));
        result.failed().forEach((id, failure) -> notUpdated.set(id.value(),
                Wire.write(SetErrors.of(failure, List.copyOf(new LinkedHashSet<>(touched.get(id)))))));
    }

    private static void applyDestroys(List<String> destroy, MethodContext context, AccountId account,
                                      List<String> destroyed, ObjectNode notDestroyed) {
        Set<EmailId> requestedIds = new LinkedHashSet<>();
        for (String requested : destroy) {
            EmailId id = emailId(context.resolveId(requested));
            if (id == null) {
                notDestroyed.set(requested, Wire.write(SetError.notFound()));
            } else {
                requestedIds.add(id);
            }
        }
        if (requestedIds.isEmpty()) {
            return;
        }
        EmailSetResult result = context.store().destroyEmails(account, requestedIds);
        result.succeeded().forEach(id -> destroyed.add(id.value()));
        result.failed().forEach((id, failure) -> notDestroyed.set(id.value(), Wire.write(SetErrors.of(failure, List.of()))));
    }

    private static EmailId emailId(String id) {
        try {
            return new EmailId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
