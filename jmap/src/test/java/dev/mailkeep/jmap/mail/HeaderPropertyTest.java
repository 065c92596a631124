// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.model.EmailHeader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code header:} properties (RFC 8621 section 4.1.3): names, forms, :all, and the forms 4.1.2 allows. */
class HeaderPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<EmailHeader> FIELDS = List.of(
            new EmailHeader("Received", " from a by b; Mon, 23 Nov 2026 10:00:00 +0000"),
            new EmailHeader("From", " \"Doe, Jane\" <jane@example.com>"),
            new EmailHeader("To", " Team: a@example.com, b@example.com;, c@example.com"),
            new EmailHeader("Subject", " =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n  again"),
            new EmailHeader("Date", " Mon, 23 Nov 2026 10:00:00 +0100"),
            new EmailHeader("X-Tag", " one"),
            new EmailHeader("x-tag", " two"),
            new EmailHeader("List-Post", " <mailto:list@example.com> (post here)"),
            new EmailHeader("References", " <a@x> (old)\r\n <b@x>"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header:Subject                            | " =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\\r\\n  again"
            header:Subject:asText                     | "Grüße  again"
            header:subject:asText                     | "Grüße  again"
            header:From:asAddresses                   | [{"name":"Doe, Jane","email":"jane@example.com"}]
            header:To:asGroupedAddresses              | [{"name":"Team","addresses":[{"name":null,"email":"a@example.com"},{"name":null,"email":"b@example.com"}]},{"name":null,"addresses":[{"name":null,"email":"c@example.com"}]}]
            header:Date:asDate                        | "2026-11-23T10:00:00+01:00"
            header:X-Tag                              | " two"
            header:X-Tag:all                          | [" one"," two"]
            header:X-Tag:asText:all                   | ["one","two"]
            header:X-Tag:asDate                       | null
            header:X-Tag:asMessageIds                 | null
            header:X-Tag:asAddresses                  | [{"name":null,"email":"two"}]
            header:X-None                             | null
            header:X-None:asURLs:all                  | []
            header:List-Post:asURLs                   | ["mailto:list@example.com"]
            header:References:asMessageIds            | ["a@x","b@x"]
            header:Received:all                       | [" from a by b; Mon, 23 Nov 2026 10:00:00 +0000"]
            """)
    void formsOverTheFields(String property, String expected) throws Exception {
        JsonNode value = HeaderProperty.parse(property, "properties").value(FIELDS);
        assertEquals(JSON.readTree(expected), value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header:From:asDate
            header:Subject:asAddresses
            header:Date:asText
            header:Message-ID:asText
            header:Received:asText
            header:List-Post:asText
            header:Subject:asColour
            header:Subject:all:asText
            header:
            header:Sub ject
            header:X:asText:all:more
            """)
    void formsTheRfcDoesNotAllowAreInvalidArguments(String property) {
        MethodException e = assertThrows(MethodException.class, () -> HeaderProperty.parse(property, "properties"));
        assertEquals("invalidArguments", e.error().type());
        assertTrue(e.error().description().contains("properties"), e.error().description());
    }
}
