// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

/**
 * A search snippet of one email (RFC 8621 section 5): HTML in which the words the filter's text
 * conditions matched are wrapped in {@code <mark>} and everything else is escaped.
 *
 * @param subject the whole subject, or null when nothing in it matched
 * @param preview a section of the body text of at most 255 UTF-8 octets, or null when nothing in
 *     the body matched
 */
public record Snippet(String subject, String preview) {}
