// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.List;
import java.util.Map;

/** The outcome of one Identity/set transaction, by creation id or identity id. */
public record IdentitySetResult(
        Map<String, IdentityId> created,
        List<IdentityId> updated,
        List<IdentityId> destroyed,
        Map<String, SetFailure> notCreated,
        Map<IdentityId, SetFailure> notUpdated,
        Map<IdentityId, SetFailure> notDestroyed) {
    public IdentitySetResult {
        created = Map.copyOf(created);
        updated = List.copyOf(updated);
        destroyed = List.copyOf(destroyed);
        notCreated = Map.copyOf(notCreated);
        notUpdated = Map.copyOf(notUpdated);
        notDestroyed = Map.copyOf(notDestroyed);
    }
}
