// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

/**
 * The processing limits of RFC 7208 section 4.6.4, shared by one check_host() call and
 * everything it includes or redirects to.
 */
final class DnsBudget {
    static final int MAX_DNS_TERMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;

    private int terms;
    private int voids;

    /** Counts one include, a, mx, ptr, exists or redirect; permerror past 10. */
    void countTerm(String term) throws SpfException {
        if (++terms > MAX_DNS_TERMS) {
            throw SpfException.permerror("more than " + MAX_DNS_TERMS + " DNS-querying terms (at " + term + ")");
        }
    }

    /** Counts one lookup that found no name or no data; permerror past 2. */
    void countVoid(String term) throws SpfException {
        if (++voids > MAX_VOID_LOOKUPS) {
            throw SpfException.permerror("more than " + MAX_VOID_LOOKUPS + " void DNS lookups (at " + term + ")");
        }
    }
}
