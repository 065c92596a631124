// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * A DKIM public key record, RFC 6376 section 3.6.1, checked and with its key decoded.
 *
 * @param keyType k= ("rsa" or "ed25519")
 * @param hashes h=, or empty when absent (any hash)
 * @param services s=, "*" when absent
 * @param testing t=y
 * @param strict t=s: the i= domain must equal d=
 * @param keyBits the RSA modulus length, 256 for Ed25519
 */
record DkimKeyRecord(String keyType, List<String> hashes, List<String> services, boolean testing, boolean strict,
                     PublicKey key, int keyBits) {

    /** Parses the TXT text of a key record; problems are permerrors (RFC 6376 section 6.1.2). */
    static DkimKeyRecord parse(String text) throws DkimException {
        Map<String, String> t = TagList.parse(text, DkimStatus.PERMERROR);
        if (t.containsKey("v")) {
            if (!t.keySet().iterator().next().equals("v") || !t.get("v").equals("DKIM1")) {
                throw perm("key record has an invalid v= tag");
            }
        }
        String k = t.getOrDefault("k", "rsa").toLowerCase(java.util.Locale.ROOT);
        List<String> hashes = t.containsKey("h") ? list(t.get("h")) : List.of();
        List<String> services = t.containsKey("s") ? list(t.get("s")) : List.of("*");
        List<String> flags = t.containsKey("t") ? list(t.get("t")) : List.of();
        if (!t.containsKey("p")) {
            throw perm("key record has no p= tag");
        }
        String p = TagList.removeFws(t.get("p"));
        if (p.isEmpty()) {
            throw perm("key revoked (empty p=)");
        }
        byte[] der;
        try {
            der = java.util.Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw perm("key record p= is not base64");
        }
        PublicKeys.Decoded decoded = PublicKeys.decode(k, der);
        return new DkimKeyRecord(k, hashes, services, flags.contains("y"), flags.contains("s"), decoded.key(),
                decoded.bits());
    }

    private static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(":")).map(TagList::trimFws).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    static DkimException perm(String reason) {
        return new DkimException(DkimStatus.PERMERROR, reason);
    }
}
