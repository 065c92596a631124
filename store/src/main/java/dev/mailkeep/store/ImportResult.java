// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Map;

/** The outcome of Email/import: by the client's creation id, the new email or why there is none. */
public record ImportResult(Map<String, EmailId> created, Map<String, SetFailure> notCreated) {
    public ImportResult {
        created = Map.copyOf(created);
        notCreated = Map.copyOf(notCreated);
    }
}
