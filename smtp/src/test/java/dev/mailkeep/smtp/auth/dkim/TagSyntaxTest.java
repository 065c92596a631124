// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written syntax checks of DKIM-Signature values (RFC 6376 sections 3.2 and 3.5) accept
 * exactly what the regular expressions they replaced accept, over many random strings.
 */
class TagSyntaxTest {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    @Test
    void randomStringsAreJudgedAsByTheRegularExpressions() {
        Random random = new Random(6376);
        String alphabet = "aZ09_-.=+/ \u00e9\u212a";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = n % 100 == 0 ? 60 + random.nextInt(10) : random.nextInt(12);
            for (int i = 0; i < length; i++) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                s.append(random.nextInt(30) == 0 ? c : c == '-' || c == '.' ? c : (char) ('a' + random.nextInt(3)));
            }
            String text = s.toString();
            assertEquals(DOMAIN.matcher(text).matches(), DkimSignatureParser.isDomainName(text), text);
            assertEquals(BASE64.matcher(text).matches(), DkimSignatureParser.isBase64(text), text);
            assertEquals(TAG_NAME.matcher(text).matches(), TagList.isTagName(text), text);
        }
    }

    @Test
    void labelLengthsAndEdges() {
        String label63 = "a".repeat(63);
        for (String text : new String[] {"", ".", "a.", "a..", "-a", "a-", "a-b", "_a_", label63, label63 + "a",
            label63 + "." + label63 + ".", "example.com", "EXAMPLE.COM.", "a.-b", "==", "===", "ab=", "a=b", "=a"}) {
            assertEquals(DOMAIN.matcher(text).matches(), DkimSignatureParser.isDomainName(text), text);
            assertEquals(BASE64.matcher(text).matches(), DkimSignatureParser.isBase64(text), text);
            assertEquals(TAG_NAME.matcher(text).matches(), TagList.isTagName(text), text);
        }
    }
}
