// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.ImportResult;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.SetFailure;
import dev.mailkeep.store.model.EmailRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code Email/import} (RFC 8621 section 4.8): stores uploaded blobs as emails, all in one store
 * transaction, and records each creation id in the request's createdIds so later calls can use
 * {@code #creationId}. A malformed EmailImport object is refused on its own with
 * {@code invalidProperties}; the others are still imported.
 */
final class EmailImport implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String ifInState = args.get("ifInState") == null ? null : args.requiredString("ifInState");
        JsonNode emails = args.get("emails");
        if (emails == null || !emails.isObject()) {
            throw Args.invalid("emails", "is required: an object of creation id to EmailImport");
        }
        args.done();
        if (emails.size() > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " emails may be imported in one call (maxObjectsInSet)"));
        }
        String oldState = context.store().state(account, DataType.EMAIL).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the Email state is " + oldState));
        }

        ObjectNode notCreated = JSON.objectNode();
        Map<String, dev.mailkeep.store.EmailImport> valid = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : emails.properties()) {
            try {
                valid.put(entry.getKey(), read(entry.getValue(), context));
            } catch (InvalidImport e) {
                notCreated.set(entry.getKey(), Wire.write(SetError.invalidProperties(e.getMessage(), List.of(e.property))));
            }
        }
        ImportResult result = valid.isEmpty() ? new ImportResult(Map.of(), Map.of())
                : context.store().importEmails(account, valid);
        Map<EmailId, EmailRecord> records = context.store().emails(account, result.created().values());

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("oldState", oldState);
        response.put("newState", context.store().state(account, DataType.EMAIL).encode());
        ObjectNode created = JSON.objectNode();
        result.created().forEach((creationId, id) -> {
            context.createdIds().put(creationId, id.value());
            EmailRecord email = records.get(id);
            ObjectNode node = created.putObject(creationId).put("id", id.value());
            if (email != null) {
                node.put("blobId", email.blobId().value()).put("threadId", email.threadId().value()).put("size", email.size());
            }
        });
        result.notCreated().forEach((creationId, failure) -> notCreated.set(creationId, Wire.write(
                failure.type() == SetFailure.Type.NOT_FOUND
                        ? new SetError("blobNotFound", failure.description(), List.of())
                        : SetErrors.of(failure, List.of("mailboxIds", "keywords")))));
        response.set("created", created.isEmpty() ? JSON.nullNode() : created);
        response.set("notCreated", notCreated.isEmpty() ? JSON.nullNode() : notCreated);
        return response;
    }

    private static final class InvalidImport extends Exception {
        private final String property;

        InvalidImport(String property, String message) {
            super(message, null, false, false);
            this.property = property;
        }
    }

    private static dev.mailkeep.store.EmailImport read(JsonNode node, MethodContext context) throws InvalidImport {
        if (!node.isObject()) {
            throw new InvalidImport("blobId", "an EmailImport must be an object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!Set.of("blobId", "mailboxIds", "keywords", "receivedAt").contains(field.getKey())) {
                throw new InvalidImport(field.getKey(), "unknown EmailImport property");
            }
        }
        JsonNode blob = node.get("blobId");
        if (blob == null || !blob.isTextual()) {
            throw new InvalidImport("blobId", "blobId is required");
        }
        BlobId blobId;
        try {
            blobId = new BlobId(context.resolveId(blob.textValue()));
        } catch (IllegalArgumentException e) {
            throw new InvalidImport("blobId", "not a blob id");
        }
        Set<MailboxId> mailboxes = new HashSet<>();
        for (String id : trueKeys(node.get("mailboxIds"), "mailboxIds", true)) {
            try {
                mailboxes.add(new MailboxId(context.resolveId(id)));
            } catch (IllegalArgumentException e) {
                throw new InvalidImport("mailboxIds", "not a mailbox id: " + id);
            }
        }
        Set<String> keywords = new HashSet<>();
        trueKeys(node.get("keywords"), "keywords", false).forEach(k -> keywords.add(k.toLowerCase(Locale.ROOT)));
        Instant receivedAt = null;
        JsonNode received = node.get("receivedAt");
        if (received != null && !received.isNull()) {
            try {
                receivedAt = Instant.parse(received.asText());
            } catch (DateTimeParseException e) {
                throw new InvalidImport("receivedAt", "receivedAt must be a UTCDate");
            }
        }
        return new dev.mailkeep.store.EmailImport(blobId, mailboxes, keywords, receivedAt);
    }

    private static Set<String> trueKeys(JsonNode map, String property, boolean required) throws InvalidImport {
        if (map == null || map.isNull()) {
            if (required) {
                throw new InvalidImport(property, property + " is required");
            }
            return Set.of();
        }
        if (!map.isObject()) {
            throw new InvalidImport(property, property + " must be a map of true");
        }
        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isBoolean() || !entry.getValue().booleanValue()) {
                throw new InvalidImport(property, property + " must be a map of true");
            }
            keys.add(entry.getKey());
        }
        return keys;
    }
}
