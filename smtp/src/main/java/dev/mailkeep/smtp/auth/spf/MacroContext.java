// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.net.InetAddress;
import java.util.function.Function;

/**
 * The values macros expand to (RFC 7208 section 7.2) while check_host() evaluates one domain.
 *
 * @param validatedName computes %{p} (section 7.3) for the current domain, only when a macro asks for it
 * @param receiver %{r}, the receiving host's domain
 * @param epochSeconds %{t}
 */
record MacroContext(InetAddress ip, String sender, String domain, String helo, String receiver,
                    long epochSeconds, Function<String, String> validatedName) {

    MacroContext withDomain(String newDomain) {
        return new MacroContext(ip, sender, newDomain, helo, receiver, epochSeconds, validatedName);
    }
}
