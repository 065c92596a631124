// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.ImportResult;
import dev.mailkeep.store.MailboxId;
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
 * {@code Email/copy} (RFC 8621 section 4.7, RFC 8620 section 5.4): copies emails from
 * {@code fromAccountId} into {@code accountId} in one store transaction, each with its
 * {@code mailboxIds} in the target account and, when given, its own {@code keywords} and
 * {@code receivedAt}. With {@code onSuccessDestroyOriginal} the copied originals are then destroyed
 * by an implicit {@code Email/set} whose response follows this one.
 *
 * <p>Both accounts must be ones the caller may reach, and RFC 8620 requires them to differ. A user
 * reaches only their own account today, so over the API every call ends in
 * {@code fromAccountNotFound}, {@code accountNotFound} or {@code invalidArguments}; {@link #copy}
 * is the copy itself, ready for accounts shared between users.
 */
final class EmailCopy implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> SETTABLE = Set.of("id", "mailboxIds", "keywords", "receivedAt");

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId to = context.account(args);
        String from = args.requiredString("fromAccountId");
        if (!from.equals(context.user().id().value())) {
            throw new MethodException(new MethodError("fromAccountNotFound", "no account " + from + " to copy from"));
        }
        if (from.equals(to.value())) {
            throw Args.invalid("fromAccountId", "must differ from accountId (RFC 8620 section 5.4): "
                    + "to copy within an account, change the email's mailboxIds with Email/set");
        }
        return copy(new AccountId(from), to, args, context);
    }

    /** The copy between two different accounts, both checked against the caller already. */
    ObjectNode copy(AccountId from, AccountId to, Args args, MethodContext context) {
        String ifFromInState = optionalString(args, "ifFromInState");
        String ifInState = optionalString(args, "ifInState");
        JsonNode create = args.get("create");
        if (create == null || !create.isObject()) {
            throw Args.invalid("create", "is required: an object of creation id to Email with the id to copy");
        }
        boolean destroyOriginal = args.bool("onSuccessDestroyOriginal", false);
        String destroyFromIfInState = optionalString(args, "destroyFromIfInState");
        args.done();
        if (create.size() > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " emails may be copied in one call (maxObjectsInSet)"));
        }
        String fromState = context.store().state(from, DataType.EMAIL).encode();
        if (ifFromInState != null && !ifFromInState.equals(fromState)) {
            throw new MethodException(new MethodError("stateMismatch", "the Email state of fromAccountId is " + fromState));
        }
        String oldState = context.store().state(to, DataType.EMAIL).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the Email state is " + oldState));
        }

        ObjectNode notCreated = JSON.objectNode();
        Map<String, dev.mailkeep.store.EmailCopy> valid = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : create.properties()) {
            try {
                valid.put(entry.getKey(), read(entry.getValue(), context));
            } catch (InvalidCopy e) {
                notCreated.set(entry.getKey(), Wire.write(e.error));
            }
        }
        ImportResult result = valid.isEmpty() ? new ImportResult(Map.of(), Map.of())
                : context.store().copyEmails(from, to, valid);
        Map<EmailId, EmailRecord> records = context.store().emails(to, result.created().values());

        ObjectNode response = JSON.objectNode();
        response.put("fromAccountId", from.value());
        response.put("accountId", to.value());
        response.put("oldState", oldState);
        response.put("newState", context.store().state(to, DataType.EMAIL).encode());
        ObjectNode created = JSON.objectNode();
        ArrayNode originals = JSON.arrayNode();
        valid.forEach((creationId, copy) -> {
            EmailId id = result.created().get(creationId);
            if (id == null) {
                return;
            }
            context.createdIds().put(creationId, id.value());
            originals.add(copy.id().value());
            ObjectNode node = created.putObject(creationId).put("id", id.value());
            EmailRecord email = records.get(id);
            if (email != null) {
                node.put("blobId", email.blobId().value()).put("threadId", email.threadId().value())
                        .put("size", email.size());
            }
        });
        result.notCreated().forEach((creationId, failure) ->
                notCreated.set(creationId, Wire.write(SetErrors.of(failure, List.of("mailboxIds", "keywords")))));
        response.set("created", created.isEmpty() ? JSON.nullNode() : created);
        response.set("notCreated", notCreated.isEmpty() ? JSON.nullNode() : notCreated);
        if (destroyOriginal && !originals.isEmpty()) {
            destroy(from, originals, destroyFromIfInState, context);
        }
        return response;
    }

    /** RFC 8620 section 5.4: the implicit Email/set of the originals, or its error, follows the response. */
    private static void destroy(AccountId from, ArrayNode ids, String ifInState, MethodContext context) {
        ObjectNode arguments = JSON.objectNode().put("accountId", from.value());
        if (ifInState != null) {
            arguments.put("ifInState", ifInState);
        }
        arguments.set("destroy", ids);
        try {
            context.respondAlso("Email/set", new EmailSet().call(new Args(arguments), context));
        } catch (MethodException e) {
            context.respondAlso("error", Wire.write(e.error()));
        }
    }

    private static String optionalString(Args args, String name) {
        JsonNode value = args.get(name);
        return value == null || value.isNull() ? null : args.requiredString(name);
    }

    private static final class InvalidCopy extends Exception {
        private final transient SetError error;

        InvalidCopy(String property, String message) {
            super(message, null, false, false);
            this.error = SetError.invalidProperties(message, List.of(property));
        }
    }

    private static dev.mailkeep.store.EmailCopy read(JsonNode node, MethodContext context) throws InvalidCopy {
        if (!node.isObject()) {
            throw new InvalidCopy("id", "an Email to copy must be an object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!SETTABLE.contains(field.getKey())) {
                throw new InvalidCopy(field.getKey(), "only id, mailboxIds, keywords and receivedAt may be given");
            }
        }
        JsonNode id = node.get("id");
        EmailId email;
        try {
            email = new EmailId(context.resolveId(id == null ? "" : id.asText()));
        } catch (IllegalArgumentException e) {
            throw new InvalidCopy("id", "id is required: the email to copy");
        }
        Set<MailboxId> mailboxes = new HashSet<>();
        for (String mailbox : trueKeys(node.get("mailboxIds"), "mailboxIds")) {
            try {
                mailboxes.add(new MailboxId(context.resolveId(mailbox)));
            } catch (IllegalArgumentException e) {
                throw new InvalidCopy("mailboxIds", "not a mailbox id: " + mailbox);
            }
        }
        if (mailboxes.isEmpty()) {
            throw new InvalidCopy("mailboxIds", "mailboxIds is required: the mailboxes of the copy");
        }
        Set<String> keywords = null;
        if (node.get("keywords") != null && !node.get("keywords").isNull()) {
            keywords = new HashSet<>();
            for (String keyword : trueKeys(node.get("keywords"), "keywords")) {
                keywords.add(keyword.toLowerCase(Locale.ROOT));
            }
        }
        Instant receivedAt = null;
        JsonNode received = node.get("receivedAt");
        if (received != null && !received.isNull()) {
            try {
                receivedAt = Instant.parse(received.asText());
            } catch (DateTimeParseException e) {
                throw new InvalidCopy("receivedAt", "receivedAt must be a UTCDate");
            }
        }
        return new dev.mailkeep.store.EmailCopy(email, mailboxes, keywords, receivedAt);
    }

    private static Set<String> trueKeys(JsonNode map, String property) throws InvalidCopy {
        if (map == null || map.isNull()) {
            return Set.of();
        }
        if (!map.isObject()) {
            throw new InvalidCopy(property, property + " must be a map of true");
        }
        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isBoolean() || !entry.getValue().booleanValue()) {
                throw new InvalidCopy(property, property + " must be a map of true");
            }
            keys.add(entry.getKey());
        }
        return keys;
    }
}
