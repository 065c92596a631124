// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.EmailCopy;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailImport;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.model.EmailRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Email/copy (RFC 8621 section 4.7) as an import of the originals' blobs into the other account:
 * each copy is prepared from its original's record (keywords and receivedAt unless overridden);
 * the transaction then files only those whose original still exists.
 */
final class Copying {
    private Copying() {}

    /** The copies whose original is among {@code originals}, as imports of its blob, parsed. */
    static Map<String, Importing.Prepared> prepare(Map<String, EmailCopy> copies, Map<EmailId, EmailRecord> originals,
            BlobStore blobs) {
        Map<String, EmailImport> imports = new LinkedHashMap<>();
        copies.forEach((creationId, copy) -> {
            EmailRecord original = originals.get(copy.id());
            if (original != null) {
                imports.put(creationId, new EmailImport(original.blobId(), copy.mailboxIds(),
                        copy.keywords() == null ? original.keywords() : copy.keywords(),
                        copy.receivedAt() == null ? original.receivedAt() : copy.receivedAt()));
            }
        });
        return Importing.prepare(imports, blobs);
    }

    static boolean originalExists(Tx tx, long account, EmailCopy copy) {
        return Reads.email(tx.txn, tx.tables, account, Ids.decode(Ids.EMAIL, copy.id().value())) != null;
    }
}
