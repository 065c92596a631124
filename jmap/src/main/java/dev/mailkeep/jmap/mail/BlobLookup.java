// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.model.EmailRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code Blob/lookup} (RFC 9404 section 4.3): for each blob id, the ids of the objects of each
 * type asked for that reference it. An Email references its own blob and the blobs of its body
 * parts; a Mailbox references what its emails reference; a Thread what its emails reference. A
 * blob the account cannot see gets empty lists, exactly as a blob nothing references (section
 * 4.3 forbids telling them apart); an id that cannot be a blob id is {@code notFound}.
 *
 * <p>The store keeps an index from message blob to email ({@code MailStore.emailsOfBlobs}), so a
 * lookup reads only the records of the emails it finds, whatever the size of the account.
 */
final class BlobLookup implements Method {
    /** The type names this lookup answers, as listed in the session's {@code supportedTypeNames}. */
    static final List<String> TYPE_NAMES = List.of("Mailbox", "Thread", "Email");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        List<String> typeNames = args.stringList("typeNames");
        List<String> ids = args.stringList("ids");
        if (typeNames == null) {
            throw Args.invalid("typeNames", "is required");
        }
        if (ids == null) {
            throw Args.invalid("ids", "is required");
        }
        args.done();
        for (String type : typeNames) {
            if (!TYPE_NAMES.contains(type)) {
                throw new MethodException(new MethodError("unknownDataType",
                        "Blob/lookup knows the types " + String.join(", ", TYPE_NAMES) + ", not " + type));
            }
        }
        if (ids.size() > context.limits().maxObjectsInGet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInGet()
                    + " blobs may be looked up in one call (maxObjectsInGet)"));
        }

        Map<String, BlobId> wanted = new LinkedHashMap<>();
        List<String> notFound = new ArrayList<>();
        for (String requested : ids) {
            parse(context.resolveId(requested)).ifPresentOrElse(blob -> wanted.put(requested, blob),
                    () -> notFound.add(requested));
        }
        Map<String, Matches> matches = find(context, account, wanted);

        ObjectNode response = JSON.objectNode().put("accountId", account.value());
        ArrayNode list = response.putArray("list");
        wanted.keySet().forEach(requested -> {
            ObjectNode info = list.addObject().put("id", requested);
            ObjectNode matched = info.putObject("matchedIds");
            Matches found = matches.getOrDefault(requested, new Matches());
            for (String type : new LinkedHashSet<>(typeNames)) {
                ArrayNode typeIds = matched.putArray(type);
                found.of(type).forEach(typeIds::add);
            }
        });
        ArrayNode missing = response.putArray("notFound");
        notFound.forEach(missing::add);
        return response;
    }

    /** The objects referencing each requested blob that the account can see. */
    private static Map<String, Matches> find(MethodContext context, AccountId account, Map<String, BlobId> wanted) {
        // Which whole message blob each visible requested blob belongs to (a part id is "<blob>_<part>").
        Map<String, String> messageOf = new LinkedHashMap<>();
        wanted.forEach((requested, blob) -> {
            if (visible(context, account, blob)) {
                int part = blob.value().indexOf('_');
                messageOf.put(requested, part < 0 ? blob.value() : blob.value().substring(0, part));
            }
        });
        Map<String, Matches> matches = new LinkedHashMap<>();
        if (messageOf.isEmpty()) {
            return matches;
        }
        Map<BlobId, List<EmailId>> byBlob = context.store().emailsOfBlobs(account,
                messageOf.values().stream().distinct().map(BlobId::new).toList());
        Map<EmailId, EmailRecord> records = context.store().emails(account,
                byBlob.values().stream().flatMap(List::stream).distinct().toList());
        messageOf.forEach((requested, message) -> {
            for (EmailId id : byBlob.getOrDefault(new BlobId(message), List.of())) {
                EmailRecord email = records.get(id);
                if (email != null) {
                    matches.computeIfAbsent(requested, r -> new Matches()).add(email);
                }
            }
        });
        return matches;
    }

    private static boolean visible(MethodContext context, AccountId account, BlobId blob) {
        Optional<InputStream> in = context.store().openBlob(account, blob);
        if (in.isEmpty()) {
            return false;
        }
        try (InputStream stream = in.get()) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + blob + " could not be closed", e);
        }
    }

    private static Optional<BlobId> parse(String id) {
        try {
            return Optional.of(new BlobId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ids of each type found referencing one blob, sorted for a stable answer. */
    private static final class Matches {
        private final Set<String> emails = new TreeSet<>();
        private final Set<String> threads = new TreeSet<>();
        private final Set<String> mailboxes = new TreeSet<>();

        void add(EmailRecord email) {
            emails.add(email.id().value());
            threads.add(email.threadId().value());
            email.mailboxIds().forEach(mailbox -> mailboxes.add(mailbox.value()));
        }

        Set<String> of(String type) {
            return switch (type) {
                case "Email" -> emails;
                case "Thread" -> threads;
                case "Mailbox" -> mailboxes;
                default -> throw new IllegalArgumentException("unknown type " + type);
            };
        }
    }
}
