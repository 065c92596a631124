// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.BlobId;
import java.util.Objects;

/**
 * A blob parsed as an email without storing it (RFC 8621 section 4.9 Email/parse): the summary an
 * import would store and the body properties, from the same parser delivery uses.
 *
 * @param size the size in octets of the blob
 * @param body body part blob ids are {@code blobId}, {@code _}, and the part number
 */
public record ParsedEmail(BlobId blobId, long size, EmailSummary summary, EmailBody body) {
    public ParsedEmail {
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
    }
}
