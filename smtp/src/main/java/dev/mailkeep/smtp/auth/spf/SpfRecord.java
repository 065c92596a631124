// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.util.List;

/**
 * A parsed SPF record (RFC 7208 section 4.6): its directives in order and the two modifiers
 * this specification defines; unknown modifiers are checked for syntax and dropped (section 6).
 *
 * @param redirect the {@code redirect=} domain-spec, or null
 * @param exp the {@code exp=} domain-spec, or null
 */
record SpfRecord(List<Directive> directives, MacroString redirect, MacroString exp) {
    SpfRecord {
        directives = List.copyOf(directives);
    }
}
