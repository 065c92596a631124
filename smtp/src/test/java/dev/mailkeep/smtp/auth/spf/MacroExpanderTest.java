// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The macro examples of RFC 7208 section 7.4, and the syntax errors of section 7.1. */
class MacroExpanderTest {

    private static MacroContext context(String ip) throws Exception {
        return new MacroContext(InetAddress.getByName(ip), "strong-bad@email.example.com", "email.example.com",
                "mx.example.org", "mx.example.net", 1_000_000_000L, d -> "mx.example.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
        "%{S}|strong-bad%40email.example.com",
        "%%%_%-|% %20",
        "%{p}|mx.example.org",
        "%{h}|mx.example.org",
    })
    void rfc7208Section74Ipv4(String macro, String expected) throws Exception {
        assertEquals(expected, MacroExpander.expand(MacroString.parse(macro), context("192.0.2.3")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{ir}.%{v}._spf.%{d2}|1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
    })
    void rfc7208Section74Ipv6(String macro, String expected) throws Exception {
        assertEquals(expected, MacroExpander.expand(MacroString.parse(macro), context("2001:db8::cb01")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{c} via %{r} at %{t}|2001:db8::cb01 via mx.example.net at 1000000000",
        "%{C}|2001%3Adb8%3A%3Acb01",
    })
    void explainOnlyLettersInExplanations(String macro, String expected) throws Exception {
        assertEquals(expected, MacroExpander.expand(MacroString.parseExplanation(macro), context("2001:db8::cb01")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{c}", "%{r}", "%{t}", "%{x}", "%{d0}", "%{d2q}", "%{", "%", "%a", "a b", "%{}"})
    void invalidMacroStringsArePermerrors(String macro) {
        SpfException e = assertThrows(SpfException.class, () -> MacroString.parse(macro));
        assertEquals(SpfResult.PERMERROR, e.result());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2001:db8::cb01|2001:db8::cb01", "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1", "::1|::1", "2001:db8:1:1:1:1:1:1|2001:db8:1:1:1:1:1:1",
        "2001:db8::1:0|2001:db8::1:0", "::|::"})
    void ipv6IsFormattedPerRfc5952(String in, String out) throws Exception {
        assertEquals(out, IpText.format(InetAddress.getByName(in)));
    }
}
