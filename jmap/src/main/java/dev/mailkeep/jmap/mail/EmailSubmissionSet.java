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
import dev.mailkeep.store.SubmissionDestroy;
import dev.mailkeep.store.SubmissionId;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Identity;
import dev.mailkeep.store.model.Submission;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code EmailSubmission/set} (RFC 8621 section 7.5): creating submissions queues the email in
 * the store for its recipients, sent now or, with the RFC 4865 {@code HOLDFOR}/{@code HOLDUNTIL}
 * parameters of the envelope's mailFrom, at that later sendAt ({@link FutureRelease}). The
 * envelope is the client's or derived from the headers (MAIL FROM the identity, RCPT TO every To,
 * Cc and Bcc). The envelope sender and the From header must be the identity's address. Updates
 * may only set undoStatus to canceled ({@link EmailSubmissionCancel}). After the creates and
 * updates, {@code onSuccessUpdateEmail} and {@code onSuccessDestroyEmail} run as an implicit
 * Email/set whose response follows this one. Destroy removes submissions that are final or
 * canceled; one still pending is refused (forbidden), since its queued recipients need it.
 */
final class EmailSubmissionSet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A submission created or canceled by this call, and its email, for the implicit Email/set. */
    record Created(Submission submission, EmailId email) {}

    /** The properties RFC 8621 section 7 has the server set, or default when the client leaves them out. */
    private static final java.util.Set<String> SERVER_SET = java.util.Set.of("id", "threadId", "sendAt", "undoStatus",
            "deliveryStatus", "dsnBlobIds", "mdnBlobIds");

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String ifInState = args.get("ifInState") == null ? null : args.requiredString("ifInState");
        JsonNode create = args.get("create");
        if (create != null && !create.isObject()) {
            throw Args.invalid("create", "must be an object of creation id to EmailSubmission");
        }
        JsonNode update = args.get("update");
        if (update != null && !update.isNull() && !update.isObject()) {
            throw Args.invalid("update", "must be an object of submission id to PatchObject");
        }
        List<String> destroy = args.stringList("destroy");
        JsonNode onSuccessUpdate = args.get("onSuccessUpdateEmail");
        List<String> onSuccessDestroy = args.stringList("onSuccessDestroyEmail");
        if (onSuccessUpdate != null && !onSuccessUpdate.isObject()) {
            throw Args.invalid("onSuccessUpdateEmail", "must be an object of submission id to PatchObject");
        }
        args.done();
        if ((create == null ? 0 : create.size()) + (update == null ? 0 : update.size())
                + (destroy == null ? 0 : destroy.size()) > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " submissions may be created, updated and destroyed in one call (maxObjectsInSet)"));
        }
        String oldState = context.store().state(account, DataType.EMAIL_SUBMISSION).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the EmailSubmission state is " + oldState));
        }

        List<Identity> identities = context.store().identities(account);
        ObjectNode created = JSON.objectNode();
        ObjectNode notCreated = JSON.objectNode();
        Map<String, Created> byReference = new LinkedHashMap<>();
        if (create != null) {
            for (Map.Entry<String, JsonNode> entry : create.properties()) {
                try {
                    Created done = submit(entry.getValue(), context, account, identities);
                    String id = done.submission().id().value();
                    context.createdIds().put(entry.getKey(), id);
                    byReference.put("#" + entry.getKey(), done);
                    byReference.put(id, done);
                    // RFC 8620 section 5.3: created holds every server-set or defaulted property.
                    created.set(entry.getKey(), EmailSubmissionGet.write(done.submission(),
                            context.store().emails(account, List.of(done.email())).get(done.email()), SERVER_SET));
                } catch (Refused e) {
                    notCreated.set(entry.getKey(), Wire.write(e.error));
                }
            }
        }
        ObjectNode updated = JSON.objectNode();
        ObjectNode notUpdated = JSON.objectNode();
        if (update != null && update.isObject()) {
            EmailSubmissionCancel.apply(update, context, account, updated, notUpdated, byReference);
        }
        ArrayNode destroyed = JSON.arrayNode();
        ObjectNode notDestroyed = JSON.objectNode();
        if (destroy != null) {
            destroy(destroy, context, account, destroyed, notDestroyed);
        }
        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("oldState", oldState);
        response.put("newState", context.store().state(account, DataType.EMAIL_SUBMISSION).encode());
        response.set("created", created.isEmpty() ? JSON.nullNode() : created);
        response.set("updated", updated.isEmpty() ? JSON.nullNode() : updated);
        response.set("destroyed", destroyed.isEmpty() ? JSON.nullNode() : destroyed);
        response.set("notCreated", notCreated.isEmpty() ? JSON.nullNode() : notCreated);
        response.set("notUpdated", notUpdated.isEmpty() ? JSON.nullNode() : notUpdated);
        response.set("notDestroyed", notDestroyed.isEmpty() ? JSON.nullNode() : notDestroyed);
        followUp(onSuccessUpdate, onSuccessDestroy, byReference, context, account);
        return response;
    }

    /**
     * Destroys submissions that are final or canceled; one still pending is refused as forbidden
     * with what to do instead, since its queued recipients still need it.
     */
    private static void destroy(List<String> ids, MethodContext context, AccountId account, ArrayNode destroyed,
                                ObjectNode notDestroyed) {
        Map<String, SubmissionId> byId = new LinkedHashMap<>();
        for (String given : ids) {
            String id = context.resolveId(given);
            try {
                byId.put(given, new SubmissionId(id));
            } catch (IllegalArgumentException e) {
                notDestroyed.set(given, Wire.write(new SetError("notFound", "no such submission", List.of())));
            }
        }
        Map<SubmissionId, SubmissionDestroy> outcomes = context.store().destroySubmissions(account,
                List.copyOf(new LinkedHashSet<>(byId.values())));
        byId.forEach((given, id) -> {
            switch (outcomes.get(id)) {
                case DESTROYED -> destroyed.add(id.value());
                case NOT_FOUND -> notDestroyed.set(given, Wire.write(new SetError("notFound", "no such submission",
                        List.of())));
                case PENDING -> notDestroyed.set(given, Wire.write(new SetError("forbidden",
                        "recipients are still queued: cancel it (undoStatus canceled) or wait until it is final",
                        List.of())));
            }
        });
    }

    /** RFC 8621 section 7.5: the implicit Email/set for the submissions that were created. */
    private static void followUp(JsonNode onSuccessUpdate, List<String> onSuccessDestroy, Map<String, Created> created,
                                 MethodContext context, AccountId account) {
        ObjectNode update = JSON.objectNode();
        if (onSuccessUpdate != null) {
            for (Map.Entry<String, JsonNode> entry : onSuccessUpdate.properties()) {
                Created done = created.get(entry.getKey());
                if (done != null) {
                    update.set(done.email().value(), entry.getValue());
                }
            }
        }
        ArrayNode destroy = JSON.arrayNode();
        if (onSuccessDestroy != null) {
            for (String reference : onSuccessDestroy) {
                Created done = created.get(reference);
                if (done != null) {
                    destroy.add(done.email().value());
                }
            }
        }
        if (update.isEmpty() && destroy.isEmpty()) {
            return;
        }
        ObjectNode arguments = JSON.objectNode().put("accountId", account.value());
        if (!update.isEmpty()) {
            arguments.set("update", update);
        }
        if (!destroy.isEmpty()) {
            arguments.set("destroy", destroy);
        }
        context.respondAlso("Email/set", new EmailSet().call(new Args(arguments), context));
    }

    private static final class Refused extends Exception {
        private final transient SetError error;

        Refused(SetError error) {
            super(error.type(), null, false, false);
            this.error = error;
        }

        Refused(String type, String description, String... properties) {
            this(new SetError(type, description, List.of(properties)));
        }
    }

    private static Created submit(JsonNode object, MethodContext context, AccountId account, List<Identity> identities)
            throws Refused {
        if (!object.isObject()) {
            throw new Refused("invalidProperties", "an EmailSubmission must be an object");
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!Set.of("identityId", "emailId", "envelope").contains(field.getKey())) {
                throw new Refused("invalidProperties", "not client-settable", field.getKey());
            }
        }
        String identityId = object.path("identityId").isTextual() ? context.resolveId(object.get("identityId").textValue()) : null;
        Identity identity = identities.stream().filter(i -> i.id().value().equals(identityId)).findFirst()
                .orElseThrow(() -> new Refused("invalidProperties", "no such identity", "identityId"));
        EmailId emailId = object.path("emailId").isTextual() ? emailId(context.resolveId(object.get("emailId").textValue())) : null;
        EmailRecord email = emailId == null ? null : context.store().emails(account, List.of(emailId)).get(emailId);
        if (email == null) {
            throw new Refused("invalidProperties", "no such email", "emailId");
        }
        List<EmailAddress> from = email.summary().from();
        if (from.isEmpty()) {
            throw new Refused("invalidEmail", "the email has no From header", "from");
        }
        if (from.stream().anyMatch(a -> !a.email().equalsIgnoreCase(identity.email()))) {
            throw new Refused("forbiddenFrom", "the From header must be " + identity.email());
        }
        String mailFrom;
        List<String> rcptTo;
        Instant sendAt = null;
        JsonNode envelope = object.get("envelope");
        if (envelope == null || envelope.isNull()) {
            mailFrom = identity.email();
            Set<String> recipients = new LinkedHashSet<>();
            for (List<EmailAddress> list : List.of(email.summary().to(), email.summary().cc(), email.summary().bcc())) {
                list.forEach(a -> recipients.add(a.email()));
            }
            rcptTo = List.copyOf(recipients);
        } else {
            if (!envelope.path("mailFrom").path("email").isTextual() || !envelope.path("rcptTo").isArray()) {
                throw new Refused("invalidProperties", "envelope is {mailFrom: {email}, rcptTo: [{email}]}", "envelope");
            }
            mailFrom = envelope.get("mailFrom").get("email").textValue();
            try {
                sendAt = FutureRelease.sendAt(envelope.get("mailFrom").get("parameters"), Instant.now());
            } catch (FutureRelease.Invalid e) {
                throw new Refused("invalidProperties", e.getMessage(), "envelope");
            }
            rcptTo = new ArrayList<>();
            for (JsonNode recipient : envelope.get("rcptTo")) {
                if (!recipient.path("email").isTextual()) {
                    throw new Refused("invalidProperties", "each rcptTo is {email}", "envelope");
                }
                rcptTo.add(recipient.get("email").textValue());
            }
        }
        if (!mailFrom.equalsIgnoreCase(identity.email())) {
            throw new Refused("forbiddenMailFrom", "the envelope sender must be " + identity.email());
        }
        if (rcptTo.isEmpty()) {
            throw new Refused("noRecipients", "the email has no recipients");
        }
        List<String> invalid = rcptTo.stream().filter(r -> !plausible(r)).toList();
        if (!invalid.isEmpty()) {
            throw new Refused(new SetError("invalidRecipients", "not valid addresses: " + String.join(", ", invalid),
                    List.of()));
        }
        Optional<Submission> submission = context.store().submit(account, emailId, identity.id().value(), mailFrom,
                rcptTo, sendAt);
        return new Created(submission.orElseThrow(() -> new Refused("invalidProperties", "no such email", "emailId")),
                emailId);
    }

    /** An address with one {@code @}, something on both sides, and no whitespace or angle brackets. */
    private static boolean plausible(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 && address.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>');
    }

    private static EmailId emailId(String id) {
        try {
            return new EmailId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
