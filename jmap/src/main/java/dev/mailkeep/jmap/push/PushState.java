// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.MailStore;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The WebSocket {@code pushState} (RFC 8887 section 4.3.5.1): the state strings of every data type
 * of the user's one account, joined with dots in {@link DataType} order, so a reconnecting client
 * can be told exactly which types changed while it was away.
 */
final class PushState {
    private PushState() {}

    static String of(MailStore store, AccountId account) {
        return Arrays.stream(DataType.values()).map(type -> store.state(account, type).encode())
                .collect(Collectors.joining("."));
    }

    /** The state of each data type in a push state; empty for anything this server did not issue. */
    static Map<DataType, String> decode(String pushState) {
        Map<DataType, String> states = new EnumMap<>(DataType.class);
        if (pushState == null) {
            return states;
        }
        String[] parts = pushState.split("\\.", -1);
        if (parts.length != DataType.values().length) {
            return states;
        }
        for (DataType type : DataType.values()) {
            states.put(type, parts[type.ordinal()]);
        }
        return states;
    }
}
