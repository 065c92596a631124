// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.store.AccountId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A StateChange object (RFC 8620 section 7.1): the new state string of each type that changed,
 * per account; over a WebSocket it also carries the {@code pushState} (RFC 8887 section 4.3.5.1).
 */
public record StateChange(Map<AccountId, Map<PushType, String>> changed, String pushState) {
    public StateChange {
        Map<AccountId, Map<PushType, String>> copy = new LinkedHashMap<>();
        changed.forEach((account, states) -> copy.put(account, Map.copyOf(states)));
        changed = java.util.Collections.unmodifiableMap(copy);
    }

    /** This change with later states of the same types replacing earlier ones. */
    StateChange mergedWith(StateChange later) {
        Map<AccountId, Map<PushType, String>> merged = new LinkedHashMap<>();
        changed.forEach((account, states) -> merged.put(account, new LinkedHashMap<>(states)));
        later.changed.forEach((account, states) ->
                merged.computeIfAbsent(account, a -> new LinkedHashMap<>()).putAll(states));
        return new StateChange(merged, later.pushState != null ? later.pushState : pushState);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("@type", "StateChange");
        ObjectNode accounts = json.putObject("changed");
        changed.forEach((account, states) -> {
            ObjectNode types = accounts.putObject(account.value());
            for (PushType type : PushType.values()) {
                if (states.containsKey(type)) {
                    types.put(type.typeName(), states.get(type));
                }
            }
        });
        if (pushState != null) {
            json.put("pushState", pushState);
        }
        return json;
    }
}
