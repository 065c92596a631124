// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

/**
 * One MX resource record (RFC 1035 section 3.3.9). {@code exchange} is a lower-case name
 * without trailing dot; a null MX (RFC 7505) has the exchange {@code ""}.
 */
public record MxRecord(int preference, String exchange) {}
