// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailImport;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.SetFailure;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.mime.MessageParser;
import dev.mailkeep.store.mime.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Email/import (RFC 8621 section 4.8) in two phases like delivery: read and parse each blob
 * outside the transaction, then check access, mailboxes and keywords and file every email inside one.
 */
final class Importing {
    /** A parsed import; {@code parsed} is null when the blob file does not exist. */
    record Prepared(EmailImport request, ParsedMessage parsed, long size) {}

    /** What the transaction filed: the new email with its indexing input. */
    record Filed(long email, long receivedAt, long size, ParsedMessage parsed) {}

    private Importing() {}

    static Map<String, Prepared> prepare(Map<String, EmailImport> imports, BlobStore blobs) {
        Map<String, Prepared> prepared = new LinkedHashMap<>();
        imports.forEach((creationId, request) -> {
            try (InputStream in = blobs.open(request.blobId().value()).orElse(null)) {
                byte[] bytes = in == null ? null : in.readAllBytes();
                prepared.put(creationId, new Prepared(request, bytes == null ? null : MessageParser.parseFull(bytes),
                        bytes == null ? 0 : bytes.length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return prepared;
    }

    static void commit(Tx tx, long account, Map<String, Prepared> prepared, Map<String, EmailId> created,
            Map<String, Filed> filed, Map<String, SetFailure> notCreated) {
        commit(tx, account, prepared, created, filed, notCreated, (creationId, p) ->
                Blobs.accessible(tx.txn, tx.tables, account, p.request().blobId().value()));
    }

    /** As the import commit, with what decides that the account may read a blob (Email/copy: the original exists). */
    static void commit(Tx tx, long account, Map<String, Prepared> prepared, Map<String, EmailId> created,
            Map<String, Filed> filed, Map<String, SetFailure> notCreated, BiPredicate<String, Prepared> readable) {
        prepared.forEach((creationId, p) -> {
            EmailImport request = p.request();
            if (p.parsed() == null || !readable.test(creationId, p)) {
                notCreated.put(creationId, new SetFailure(SetFailure.Type.NOT_FOUND, "no blob " + request.blobId()));
                return;
            }
            Set<String> keywords = request.keywords().stream().map(k -> k.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            if (!keywords.stream().allMatch(EmailChanges::validKeyword)) {
                notCreated.put(creationId, new SetFailure(SetFailure.Type.INVALID_PROPERTIES, "keywords: invalid keyword"));
                return;
            }
            SortedSet<Long> mailboxes = new TreeSet<>();
            for (MailboxId id : request.mailboxIds()) {
                long num = Ids.decode(Ids.MAILBOX, id.value());
                if (tx.mailbox(account, num) == null) {
                    notCreated.put(creationId, new SetFailure(SetFailure.Type.INVALID_PROPERTIES,
                            "mailboxIds: unknown mailbox " + id));
                    return;
                }
                mailboxes.add(num);
            }
            if (mailboxes.isEmpty()) {
                notCreated.put(creationId, new SetFailure(SetFailure.Type.INVALID_PROPERTIES,
                        "mailboxIds: an email must be in at least one mailbox"));
                return;
            }
            long receivedAt = request.receivedAt() == null ? tx.now : request.receivedAt().toEpochMilli();
            EmailId id = Delivering.file(tx, account, request.blobId().value(), p.parsed(), p.size(), receivedAt,
                    mailboxes, keywords);
            created.put(creationId, id);
            filed.put(creationId, new Filed(Ids.decode(Ids.EMAIL, id.value()), receivedAt, p.size(), p.parsed()));
        });
        // a later import may have merged threads and so renumbered an earlier one
        created.replaceAll((creationId, id) ->
                new EmailId(Ids.encode(Ids.EMAIL, tx.currentNumber(account, Ids.decode(Ids.EMAIL, id.value())))));
        filed.replaceAll((creationId, f) ->
                new Filed(tx.currentNumber(account, f.email()), f.receivedAt(), f.size(), f.parsed()));
    }
}
