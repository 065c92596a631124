// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.auth.TestData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The official checks of the Public Suffix List (test_psl.txt), against the bundled list. */
class PublicSuffixListTest {
    private static final Pattern CHECK = Pattern.compile("^checkPublicSuffix\\((null|'[^']*'), (null|'[^']*')\\);");

    static Stream<Arguments> checks() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.file("psl/test_psl.txt"))) {
            Matcher m = CHECK.matcher(line);
            if (m.find()) {
                out.add(Arguments.of(unquote(m.group(1)), unquote(m.group(2))));
            }
        }
        return out.stream();
    }

    private static String unquote(String s) {
        return s.equals("null") ? null : s.substring(1, s.length() - 1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("checks")
    void officialChecks(String domain, String registrable) {
        assertEquals(registrable, PublicSuffixList.bundled().registrableDomain(domain));
    }

    @Test
    void allChecksWereRead() throws Exception {
        assertTrue(checks().count() >= 70);
    }

    @Test
    void organizationalDomainFallsBackToTheNameItself() {
        PublicSuffixList psl = PublicSuffixList.bundled();
        assertEquals("example.co.uk", psl.organizationalDomain("mail.Example.co.uk"));
        assertEquals("co.uk", psl.organizationalDomain("co.uk"));
        assertEquals("example.unknowntld", psl.organizationalDomain("a.b.example.unknowntld"));
    }
}
