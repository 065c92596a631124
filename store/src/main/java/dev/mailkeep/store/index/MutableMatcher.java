// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import dev.mailkeep.store.EmailFilter;
import java.util.function.LongPredicate;

/**
 * Supplies, for a filter condition, a test on an email number for the parts the index does not
 * hold (mailboxes and keywords, which change without re-indexing); null when the condition has
 * none of those parts.
 */
public interface MutableMatcher {
    LongPredicate mutablePart(EmailFilter.Condition condition);
}
