// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

/** A qualified mechanism, RFC 7208 section 4.6.1, with its source text for reasons. */
record Directive(Qualifier qualifier, Mechanism mechanism, String text) {}
