// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import dev.mailkeep.jmap.core.ChangesMethod;
import dev.mailkeep.store.DataType;

/** {@code Identity/changes} (RFC 8621 section 6.2): the standard /changes over the Identity change log. */
final class IdentityChanges extends ChangesMethod {
    IdentityChanges() {
        super(DataType.IDENTITY);
    }
}
