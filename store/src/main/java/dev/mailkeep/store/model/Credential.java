// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A secondary credential of an account: an app password (accepted wherever the main password is,
 * JMAP Basic auth and SMTP AUTH) or a bearer token (JMAP {@code Authorization: Bearer}, RFC 6750).
 * Only its hash is stored; the secret is shown once, in {@link IssuedCredential}.
 *
 * @param id short random id, unique within the account and kind, shown in listings
 * @param label the operator's name for it (unique within the account and kind), e.g. "phone"
 */
public record Credential(String id, Kind kind, String label, Instant created) {
    public enum Kind {
        APP_PASSWORD,
        TOKEN
    }

    public Credential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(created, "created");
    }
}
