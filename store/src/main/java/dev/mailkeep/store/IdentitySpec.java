// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import dev.mailkeep.store.model.EmailAddress;
import java.util.List;
import java.util.Objects;

/** The client-settable properties of an identity (RFC 8621 section 6.3); replyTo and bcc may be null. */
public record IdentitySpec(String name, String email, List<EmailAddress> replyTo, List<EmailAddress> bcc,
        String textSignature, String htmlSignature) {
    public IdentitySpec {
        name = name == null ? "" : name;
        Objects.requireNonNull(email, "email");
        replyTo = replyTo == null ? null : List.copyOf(replyTo);
        bcc = bcc == null ? null : List.copyOf(bcc);
    }
}
