// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.dns.DnsResolver;
import dev.mailkeep.smtp.dns.DnsResult;
import dev.mailkeep.smtp.dns.TxtRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches the key record at {@code <s>._domainkey.<d>} (RFC 6376 section 3.6.2) and keeps
 * decoded keys by record text, so repeated verifications do not decode the same key again;
 * how long a record is trusted is left to the resolver's TTL-honouring cache.
 */
final class DkimKeyFetcher {
    private static final int MAX_DECODED = 256;

    private final DnsResolver dns;
    private final Map<String, DkimKeyRecord> decoded = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DkimKeyRecord> eldest) {
            return size() > MAX_DECODED;
        }
    };

    DkimKeyFetcher(DnsResolver dns) {
        this.dns = dns;
    }

    DkimKeyRecord fetch(String selector, String domain) throws DkimException {
        String name = selector + "._domainkey." + domain;
        DnsResult<TxtRecord> r = dns.txt(name);
        if (r instanceof DnsResult.TempFail<TxtRecord> t) {
            throw new DkimException(DkimStatus.TEMPERROR, "key lookup failed: " + t.reason());
        }
        List<TxtRecord> records = r.valuesOrEmpty();
        if (records.isEmpty()) {
            throw DkimKeyRecord.perm("no key record at " + name);
        }
        if (records.size() > 1) {
            throw DkimKeyRecord.perm("more than one key record at " + name);
        }
        String text = records.getFirst().text();
        synchronized (decoded) {
            DkimKeyRecord known = decoded.get(text);
            if (known != null) {
                return known;
            }
        }
        DkimKeyRecord key = DkimKeyRecord.parse(text);
        synchronized (decoded) {
            decoded.put(text, key);
        }
        return key;
    }
}
