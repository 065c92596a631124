// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.util.List;

/**
 * The outcome of one DNS query, as RFC 7208 section 2.6 and RFC 6376 section 6.1.2 need to
 * tell them apart: an answer with records, a name that does not exist (RCODE 3), a name
 * that exists without records of the asked type, or a failure that may go away later
 * (timeout, SERVFAIL, network error).
 *
 * @param <T> the record type
 */
public sealed interface DnsResult<T> {

    /** A positive answer. {@code values} is never empty. */
    record Records<T>(List<T> values) implements DnsResult<T> {
        public Records {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a positive answer has at least one record");
            }
        }
    }

    /** NXDOMAIN: the name does not exist. */
    record NxDomain<T>() implements DnsResult<T> {}

    /** NOERROR with an empty answer: the name exists, but not with this type. */
    record NoData<T>() implements DnsResult<T> {}

    /** A temporary failure: timeout, SERVFAIL, network error. */
    record TempFail<T>(String reason) implements DnsResult<T> {}

    /** Records of a positive answer, or an empty list for NXDOMAIN and no data. */
    default List<T> valuesOrEmpty() {
        return this instanceof Records<T> r ? r.values() : List.of();
    }

    /** NXDOMAIN or an empty answer: what RFC 7208 section 4.6.4 calls a void lookup. */
    default boolean isVoid() {
        return this instanceof NxDomain<T> || this instanceof NoData<T>;
    }

    static <T> DnsResult<T> of(List<T> values) {
        return values.isEmpty() ? new NoData<>() : new Records<>(values);
    }
}
