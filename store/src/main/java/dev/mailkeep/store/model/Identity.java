// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.IdentityId;
import java.util.List;
import java.util.Objects;

/**
 * A sending identity (RFC 8621 section 6): the From a user may send as, with optional reply-to,
 * bcc and signatures. {@code mayDelete} is false for the account's own address identity.
 */
public record Identity(
        IdentityId id,
        String name,
        String email,
        List<EmailAddress> replyTo,
        List<EmailAddress> bcc,
        String textSignature,
        String htmlSignature,
        boolean mayDelete) {
    public Identity {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        Objects.requireNonNull(email, "email");
        replyTo = replyTo == null ? null : List.copyOf(replyTo);
        bcc = bcc == null ? null : List.copyOf(bcc);
        textSignature = textSignature == null ? "" : textSignature;
        htmlSignature = htmlSignature == null ? "" : htmlSignature;
    }
}
