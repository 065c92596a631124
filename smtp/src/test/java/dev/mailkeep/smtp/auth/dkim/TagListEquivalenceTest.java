// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass tag-list reader (RFC 6376 section 3.2) against the earlier split-and-trim one,
 * kept here as the oracle: the same tags in the same order, or the same error with the same
 * reason, for many random lists (empty tags, missing '=', bad names, repeated tags, FWS and
 * other whitespace around names and values, a trailing ';'); and the number check of t=, x=
 * and l= against the regular expression it replaced.
 */
class TagListEquivalenceTest {
    private static final String[] PIECES = {"v", "a", "bh", "b", "x1", "_", "1", "=", "=", ";", ";", " ", "\t",
        "\r\n", "\r\n\t", "\u000b", "\u001f", "\u00a0", "\u00e9", "rsa-sha256", "abc+/=", "d=example.com"};
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,12}");

    @Test
    void randomTagListsReadAsTheReferenceReadsThem() {
        Random random = new Random(6376_32);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(14); i > 0; i--) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = s.toString();
            assertEquals(reference(text), actual(text), text);
        }
    }

    @Test
    void namedLists() {
        for (String text : new String[] {"", ";", " ", "v=1", "v=1;", "v=1; ", "v=1;;", ";v=1", "v", "v=1; v=2",
            " v = 1 ; a\t=\r\n\tb ; ", "1v=2", "v=1; x", "v=1;\u000b", "v==", "=", "v=1;\u00a0"}) {
            assertEquals(reference(text), actual(text), text);
        }
    }

    @Test
    void numbersAreJudgedAsByTheRegularExpression() {
        Random random = new Random(6376_35);
        String alphabet = "0123456789a \u0660";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(15); i > 0; i--) {
                s.append(random.nextInt(20) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String text = s.toString();
            assertEquals(NUMBER.matcher(text).matches(), DkimSignatureParser.isNumber(text), text);
        }
    }

    private static List<String> actual(String text) {
        try {
            return entries(TagList.parse(text, DkimStatus.NEUTRAL));
        } catch (DkimException e) {
            return List.of("error " + e.status() + " " + e.getMessage());
        }
    }

    private static List<String> reference(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (spec.isBlank()) {
                if (i == specs.length - 1) {
                    break;
                }
                return List.of("error NEUTRAL empty tag in tag list");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                return List.of("error NEUTRAL tag without '=': '" + spec.strip() + "'");
            }
            String name = TagList.trimFws(spec.substring(0, eq));
            if (!TagList.isTagName(name)) {
                return List.of("error NEUTRAL invalid tag name '" + name + "'");
            }
            String value = TagList.trimFws(spec.substring(eq + 1));
            if (tags.putIfAbsent(name, value) != null) {
                return List.of("error NEUTRAL tag " + name + "= appears twice");
            }
        }
        return entries(tags);
    }

    private static List<String> entries(Map<String, String> tags) {
        List<String> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(k + "\u0000" + v));
        return out;
    }
}
