// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.ChangesMethod;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;

/**
 * {@code Mailbox/changes} (RFC 8621 section 2.2). The change log does not record which
 * properties changed, so {@code updatedProperties} is always null, as the RFC requires when the
 * server cannot tell that only counts changed.
 */
final class MailboxChanges extends ChangesMethod {
    MailboxChanges() {
        super(DataType.MAILBOX);
    }

    @Override
    protected void extend(ObjectNode response, Changes changes) {
        response.putNull("updatedProperties");
    }
}
