// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.State;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Mailbox;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mailbox/query over a mailbox tree the store cannot build yet (it has no Mailbox/set): the
 * store is a stand-in answering only what the method reads.
 */
class MailboxQueryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Account USER = new Account(new AccountId("A1"), "user@localhost", Instant.EPOCH);

    /** Inbox, Archive/{2024, 2023}, Projects (unsubscribed)/{Zeta, alpha}. */
    private static final List<Mailbox> TREE = List.of(
            mailbox("M1", "Inbox", null, MailboxRole.INBOX, 10, true),
            mailbox("M2", "Archive", null, MailboxRole.ARCHIVE, 40, true),
            mailbox("M3", "2024", "M2", null, 0, true),
            mailbox("M4", "2023", "M2", null, 0, true),
            mailbox("M5", "Projects", null, null, 0, false),
            mailbox("M6", "Zeta", "M5", null, 0, true),
            mailbox("M7", "alpha", "M5", null, 0, true));

    private static Mailbox mailbox(String id, String name, String parent, MailboxRole role, int sortOrder, boolean subscribed) {
        return new Mailbox(new MailboxId(id), name, parent == null ? null : new MailboxId(parent), role, sortOrder,
                subscribed, 0, 0, 0, 0);
    }

    private static MailStore store() {
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "account" -> Optional.of(USER);
                    case "mailboxes" -> TREE;
                    case "state" -> new State(7);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ObjectNode query(String arguments) throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree(arguments);
        args.put("accountId", "A1");
        return new MailboxQuery().call(new Args(args),
                new MethodContext(USER, store(), JmapLimits.defaults(), new HashMap<>()));
    }

    private static List<String> ids(String arguments) throws Exception {
        return MAPPER.convertValue(query(arguments).get("ids"), MAPPER.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}|M4 M3 M7 M5 M6 M1 M2",
        "{\"sort\": [{\"property\": \"name\"}]}|M4 M3 M7 M2 M1 M5 M6",
        "{\"sort\": [{\"property\": \"name\", \"collation\": \"i;octet\"}]}|M4 M3 M2 M1 M5 M6 M7",
        "{\"sort\": [{\"property\": \"name\", \"isAscending\": false}]}|M6 M5 M1 M2 M7 M3 M4",
        "{\"sort\": [{\"property\": \"name\"}], \"sortAsTree\": true}|M2 M4 M3 M1 M5 M7 M6",
        "{\"sort\": [{\"property\": \"sortOrder\", \"isAscending\": false}, {\"property\": \"name\"}], \"sortAsTree\": true}|M2 M4 M3 M1 M5 M7 M6",
        "{\"filter\": {\"parentId\": null}}|M5 M1 M2",
        "{\"filter\": {\"parentId\": \"M5\"}}|M7 M6",
        "{\"filter\": {\"hasAnyRole\": true}}|M1 M2",
        "{\"filter\": {\"role\": \"archive\"}}|M2",
        "{\"filter\": {\"name\": \"JECT\"}}|M5",
        "{\"filter\": {\"isSubscribed\": true}}|M4 M3 M7 M6 M1 M2",
        "{\"filter\": {\"isSubscribed\": true}, \"filterAsTree\": true}|M4 M3 M1 M2",
        "{\"filter\": {\"operator\": \"NOT\", \"conditions\": [{\"hasAnyRole\": true}, {\"parentId\": null}]}}|M4 M3 M7 M6",
        "{\"filter\": {\"operator\": \"OR\", \"conditions\": [{\"role\": \"inbox\"}, {\"name\": \"20\"}]}}|M4 M3 M1",
        "{\"filter\": {\"operator\": \"AND\", \"conditions\": [{\"parentId\": \"M2\"}, {\"name\": \"2024\"}]}}|M3",
        "{\"position\": 5}|M1 M2",
        "{\"position\": -2, \"limit\": 1}|M1",
        "{\"anchor\": \"M5\", \"anchorOffset\": -1, \"limit\": 2}|M7 M5",
        "{\"anchor\": \"M4\", \"anchorOffset\": -3, \"limit\": 1}|M4",
    })
    void filtersSortsAndSlices(String arguments, String expected) throws Exception {
        assertEquals(List.of(expected.split(" ")), ids(arguments));
    }

    @Test
    void reportsTheWindowAndState() throws Exception {
        ObjectNode response = query("{\"position\": -2, \"calculateTotal\": true}");
        assertEquals(MAPPER.readTree("""
                {"accountId": "A1", "queryState": "7", "canCalculateChanges": true, "position": 5,
                 "ids": ["M1", "M2"], "total": 7, "limit": 1000}"""), MAPPER.readTree(response.toString()));
        ObjectNode limited = query("{\"limit\": 3}");
        assertEquals(false, limited.has("limit"));
        assertEquals(false, limited.has("total"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"filter\": {\"colour\": \"red\"}}|unsupportedFilter",
        "{\"sort\": [{\"property\": \"totalEmails\"}]}|unsupportedSort",
        "{\"sort\": [{\"property\": \"name\", \"collation\": \"i;klingon\"}]}|unsupportedSort",
        "{\"filter\": {\"operator\": \"XOR\", \"conditions\": []}}|invalidArguments",
        "{\"filter\": {\"operator\": \"AND\", \"conditions\": [null]}}|invalidArguments",
        "{\"filter\": {\"hasAnyRole\": \"yes\"}}|invalidArguments",
        "{\"anchor\": \"M99\"}|anchorNotFound",
        "{\"sortAsTree\": 1}|invalidArguments",
        "{\"limit\": -1}|invalidArguments",
    })
    void refusals(String arguments, String type) {
        MethodException e = assertThrows(MethodException.class, () -> query(arguments));
        assertEquals(type, e.error().type());
    }
}
