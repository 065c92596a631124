// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.Invocation;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.ResultReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Result references (RFC 8620 section 3.7) over the responses of the RFC's own examples. */
class ResultReferencesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The responses of the section 3.7 example: Email/query, Email/get, Thread/get. */
    private static final List<Invocation> RESPONSES = List.of(
            response("Email/query", "t0", """
                    {"accountId": "A1", "queryState": "abcdefg", "canCalculateChanges": true,
                     "position": 0, "total": 101, "ids": ["msg1023", "msg223", "msg110"]}"""),
            response("Email/get", "t1", """
                    {"accountId": "A1", "state": "123456", "notFound": [],
                     "list": [{"id": "msg1023", "threadId": "trd194"}, {"id": "msg223", "threadId": "trd114"},
                              {"id": "msg110", "threadId": "trd194"}]}"""),
            response("Thread/get", "t2", """
                    {"accountId": "A1", "state": "123456", "notFound": [],
                     "list": [{"id": "trd194", "emailIds": ["msg1020", "msg1021", "msg1023"]},
                              {"id": "trd114", "emailIds": ["msg201", "msg223"]}]}"""),
            response("Odd/get", "t3", """
                    {"a/b": 1, "m~n": 2, "": 3, "nested": [[1, 2], [3]]}"""));

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "t0|Email/query|/ids|[\"msg1023\",\"msg223\",\"msg110\"]",
        "t0|Email/query|/ids/1|\"msg223\"",
        "t0|Email/query|/total|101",
        "t1|Email/get|/list/*/threadId|[\"trd194\",\"trd114\",\"trd194\"]",
        "t2|Thread/get|/list/*/emailIds|[\"msg1020\",\"msg1021\",\"msg1023\",\"msg201\",\"msg223\"]",
        "t3|Odd/get|/a~1b|1",
        "t3|Odd/get|/m~0n|2",
        "t3|Odd/get|/|3",
        "t3|Odd/get|/nested/*|[1,2,3]",
        "t3|Odd/get|''|'{\"a/b\":1,\"m~n\":2,\"\":3,\"nested\":[[1,2],[3]]}'",
    })
    void resolvesJsonPointerWithTheStarRule(String resultOf, String name, String path, String expected) throws Exception {
        JsonNode value = ResultReferences.value(new ResultReference(resultOf, name, path), RESPONSES);
        assertEquals(MAPPER.readTree(expected), value);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "t9|Email/query|/ids",
        "t0|Email/get|/ids",
        "t0|Email/query|/missing",
        "t0|Email/query|ids",
        "t0|Email/query|/ids/3",
        "t0|Email/query|/ids/01",
        "t0|Email/query|/total/*",
        "t1|Email/get|/list/*/missing",
    })
    void unresolvableReferencesAreInvalidResultReference(String resultOf, String name, String path) {
        MethodException e = assertThrows(MethodException.class,
                () -> ResultReferences.value(new ResultReference(resultOf, name, path), RESPONSES));
        assertEquals("invalidResultReference", e.error().type());
    }

    @Test
    void replacesHashArgumentsAndLeavesOthers() throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree("""
                {"accountId": "A1", "#ids": {"resultOf": "t1", "name": "Email/get", "path": "/list/*/threadId"},
                 "properties": ["emailIds"]}""");
        ObjectNode resolved = ResultReferences.resolve(args, RESPONSES);
        assertEquals(MAPPER.readTree("""
                {"accountId": "A1", "ids": ["trd194", "trd114", "trd194"], "properties": ["emailIds"]}"""), resolved);
        assertEquals(MAPPER.readTree("""
                {"resultOf": "t1", "name": "Email/get", "path": "/list/*/threadId"}"""), args.get("#ids"),
                "the call's own arguments are not modified");
    }

    @Test
    void anArgumentGivenBothWaysIsInvalidArguments() throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree("""
                {"ids": [], "#ids": {"resultOf": "t0", "name": "Email/query", "path": "/ids"}}""");
        MethodException e = assertThrows(MethodException.class, () -> ResultReferences.resolve(args, RESPONSES));
        assertEquals("invalidArguments", e.error().type());
    }

    @Test
    void aMalformedReferenceIsInvalidResultReference() throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree("""
                {"#ids": {"resultOf": "t0", "path": "/ids"}}""");
        MethodException e = assertThrows(MethodException.class, () -> ResultReferences.resolve(args, RESPONSES));
        assertEquals("invalidResultReference", e.error().type());
    }

    private static Invocation response(String name, String id, String json) {
        try {
            return new Invocation(name, (ObjectNode) MAPPER.readTree(json), id);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
