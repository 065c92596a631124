// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import dev.mailkeep.jmap.core.ChangesMethod;
import dev.mailkeep.store.DataType;

/** {@code Thread/changes} (RFC 8621 section 3.2): the standard /changes over the Thread change log. */
final class ThreadChanges extends ChangesMethod {
    ThreadChanges() {
        super(DataType.THREAD);
    }
}
