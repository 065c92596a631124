// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.store.SetFailure;
import java.util.List;

/** The JMAP SetError (RFC 8620 section 5.3, RFC 8621 section 2.5) for each way a store change can fail. */
final class SetErrors {
    private SetErrors() {}

    /** @param properties for invalidProperties: the properties the failed change touched */
    static SetError of(SetFailure failure, List<String> properties) {
        return switch (failure.type()) {
            case NOT_FOUND -> new SetError("notFound", failure.description(), List.of());
            case INVALID_PROPERTIES -> SetError.invalidProperties(failure.description(), properties);
            case MAILBOX_HAS_CHILD -> new SetError("mailboxHasChild", failure.description(), List.of());
            case MAILBOX_HAS_EMAIL -> new SetError("mailboxHasEmail", failure.description(), List.of());
            case FORBIDDEN_FROM -> new SetError("forbiddenFrom", failure.description(), List.of());
            case FORBIDDEN -> new SetError("forbidden", failure.description(), List.of());
        };
    }
}
