// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.net.InetAddress;

/** The mechanisms of RFC 7208 section 5, as parsed from a record. A null domain means the current domain. */
sealed interface Mechanism {

    /** Section 5.1. */
    record All() implements Mechanism {}

    /** Section 5.2. */
    record Include(MacroString domain) implements Mechanism {}

    /** Section 5.3, with the dual-cidr-length of section 5.6. */
    record A(MacroString domain, int cidr4, int cidr6) implements Mechanism {}

    /** Section 5.4. */
    record Mx(MacroString domain, int cidr4, int cidr6) implements Mechanism {}

    /** Section 5.5 (deprecated, still evaluated). */
    record Ptr(MacroString domain) implements Mechanism {}

    /** Section 5.6, ip4. */
    record Ip4(InetAddress network, int prefix) implements Mechanism {}

    /** Section 5.6, ip6. */
    record Ip6(InetAddress network, int prefix) implements Mechanism {}

    /** Section 5.7. */
    record Exists(MacroString domain) implements Mechanism {}

    /** Whether evaluating this mechanism counts against the limit of 10 DNS terms (section 4.6.4). */
    default boolean queriesDns() {
        return this instanceof Include || this instanceof A || this instanceof Mx || this instanceof Ptr
                || this instanceof Exists;
    }
}
