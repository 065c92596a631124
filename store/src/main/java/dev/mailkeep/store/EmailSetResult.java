// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an update or destroy of several emails in one transaction: which ids were
 * changed, and why the others were not.
 */
public record EmailSetResult(List<EmailId> succeeded, Map<EmailId, SetFailure> failed) {
    public EmailSetResult {
        succeeded = List.copyOf(succeeded);
        failed = Map.copyOf(failed);
    }
}
