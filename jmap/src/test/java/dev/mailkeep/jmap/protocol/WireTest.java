// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireTest {
    private final Wire wire = new Wire(new ObjectMapper());

    @Test
    void readsTheRfc8620Section33ExampleRequest() throws Exception {
        Request request = wire.readRequest(bytes("""
                {
                  "using": [ "urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail" ],
                  "methodCalls": [
                    [ "method1", { "arg1": "arg1data", "arg2": "arg2data" }, "c1" ],
                    [ "method2", { "arg1": "arg1data" }, "c2" ],
                    [ "method3", {}, "c3" ]
                  ]
                }"""));
        assertEquals(List.of("urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail"), request.using());
        assertEquals(List.of("method1", "method2", "method3"),
                request.methodCalls().stream().map(Invocation::name).toList());
        assertEquals(List.of("c1", "c2", "c3"),
                request.methodCalls().stream().map(Invocation::methodCallId).toList());
        assertEquals("arg2data", request.methodCalls().get(0).arguments().get("arg2").textValue());
        assertNull(request.createdIds());
    }

    @Test
    void readsCreatedIds() throws Exception {
        Request request = wire.readRequest(bytes("""
                {"using": [], "methodCalls": [], "createdIds": {"k1": "M1"}}"""));
        assertEquals(Map.of("k1", "M1"), request.createdIds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"using\": [}", "not json at all", "{\"a\": 1} trailing"})
    void textThatIsNotJsonIsNotJson(String body) {
        RequestRejected e = assertThrows(RequestRejected.class, () -> wire.readRequest(bytes(body)));
        assertEquals(ProblemType.NOT_JSON, e.problem().type());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "\"text\"",
        "{}",
        "{\"using\": [\"urn:ietf:params:jmap:core\"]}",
        "{\"using\": \"urn:ietf:params:jmap:core\", \"methodCalls\": []}",
        "{\"using\": [1], \"methodCalls\": []}",
        "{\"using\": [], \"methodCalls\": [[\"Core/echo\", {}]]}",
        "{\"using\": [], \"methodCalls\": [[\"Core/echo\", [], \"c1\"]]}",
        "{\"using\": [], \"methodCalls\": [[\"Core/echo\", {}, 1]]}",
        "{\"using\": [], \"methodCalls\": {}}",
        "{\"using\": [], \"methodCalls\": [], \"createdIds\": {\"k\": 1}}",
    })
    void jsonThatIsNotARequestIsNotRequest(String body) {
        RequestRejected e = assertThrows(RequestRejected.class, () -> wire.readRequest(bytes(body)));
        assertEquals(ProblemType.NOT_REQUEST, e.problem().type());
    }

    @Test
    void problemDetailsCarryTheRfcTypeUriAndTheLimitName() {
        assertEquals("{\"type\":\"urn:ietf:params:jmap:error:limit\",\"status\":400,"
                        + "\"detail\":\"too many\",\"limit\":\"maxCallsInRequest\"}",
                Wire.write(Problem.limit("maxCallsInRequest", "too many")).toString());
        assertEquals("urn:ietf:params:jmap:error:unknownCapability", ProblemType.UNKNOWN_CAPABILITY.uri());
        assertEquals("urn:ietf:params:jmap:error:notJSON", ProblemType.NOT_JSON.uri());
        assertEquals("urn:ietf:params:jmap:error:notRequest", ProblemType.NOT_REQUEST.uri());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
