// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** VacationResponse/get and /set (RFC 8621 section 8): one singleton per account. */
class VacationResponseTest {
    private static TestJmap jmap;
    private static String account;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
        account = jmap.alice.id().value();
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static JsonPath call(String method, String arguments) {
        return jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:vacationresponse\"],"
                        + " \"methodCalls\": [[\"" + method + "\", " + arguments + ", \"v\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath().setRootPath("methodResponses[0][1]");
    }

    @Test
    void startsDisabledAndIsUpdatedInPlace() {
        JsonPath before = call("VacationResponse/get", "{\"accountId\": \"" + account + "\"}");
        Map<String, Object> disabled = new HashMap<>();
        disabled.put("id", "singleton");
        disabled.put("isEnabled", false);
        for (String p : List.of("fromDate", "toDate", "subject", "textBody", "htmlBody")) {
            disabled.put(p, null);
        }
        assertEquals(disabled, before.getMap("list[0]"));

        JsonPath set = call("VacationResponse/set", "{\"accountId\": \"" + account + "\", \"update\": {\"singleton\": {"
                + "\"isEnabled\": true, \"fromDate\": \"2026-12-20T00:00:00Z\", \"subject\": \"Away\","
                + " \"textBody\": \"Back in January.\"}}}");
        assertEquals(List.of("singleton"), List.copyOf(set.getMap("updated").keySet()));
        assertEquals(before.getString("state"), set.getString("oldState"));

        Map<String, Object> enabled = call("VacationResponse/get", "{\"accountId\": \"" + account
                + "\", \"ids\": [\"singleton\", \"other\"], \"properties\": [\"isEnabled\", \"fromDate\", \"subject\", \"textBody\"]}")
                .getMap("");
        assertEquals(List.of(Map.of("id", "singleton", "isEnabled", true, "fromDate", "2026-12-20T00:00:00Z",
                "subject", "Away", "textBody", "Back in January.")), enabled.get("list"));
        assertEquals(List.of("other"), enabled.get("notFound"));
    }

    @Test
    void itCannotBeCreatedOrDestroyedAndRefusesBadValues() {
        JsonPath set = call("VacationResponse/set", "{\"accountId\": \"" + account + "\", \"create\": {\"k\": {}},"
                + " \"destroy\": [\"singleton\"], \"update\": {\"singleton\": {\"fromDate\": \"soon\", \"colour\": 1}}}");
        assertEquals("singleton", set.getString("notCreated.k.type"));
        assertEquals("singleton", set.getString("notDestroyed.singleton.type"));
        assertEquals(List.of("fromDate", "colour"), set.getList("notUpdated.singleton.properties"));
    }
}
