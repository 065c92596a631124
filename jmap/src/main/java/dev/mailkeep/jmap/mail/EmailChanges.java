// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import dev.mailkeep.jmap.core.ChangesMethod;
import dev.mailkeep.store.DataType;

/** {@code Email/changes} (RFC 8621 section 4.3): the standard /changes over the Email change log. */
final class EmailChanges extends ChangesMethod {
    EmailChanges() {
        super(DataType.EMAIL);
    }
}
