// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.message.HeaderField;
import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.dns.DnsResolver;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the DKIM-Signature fields of a message, RFC 6376 section 6.1, with the algorithm
 * rules of RFC 8301 (no rsa-sha1, RSA keys of 1024 bits or more) and RFC 8463 (Ed25519).
 * Signatures are taken top first, at most {@code maxSignatures} of them; each gets its own
 * {@link DkimResult}. Thread-safe; blocks on DNS.
 */
public final class DkimVerifier {
    /** RFC 8301 section 3.2: verifiers MUST NOT consider signatures from RSA keys under 1024 bits valid. */
    static final int MIN_RSA_BITS = 1024;

    private final DkimKeyFetcher keys;
    private final Clock clock;
    private final int maxSignatures;

    public DkimVerifier(DnsResolver dns, Clock clock, int maxSignatures) {
        if (maxSignatures < 1) {
            throw new IllegalArgumentException("maxSignatures must be at least 1");
        }
        this.keys = new DkimKeyFetcher(dns);
        this.clock = clock;
        this.maxSignatures = maxSignatures;
    }

    /** Checks up to 5 signatures against the system clock. */
    public DkimVerifier(DnsResolver dns) {
        this(dns, Clock.systemUTC(), 5);
    }

    /** Results in the order the signatures appear; empty when the message is unsigned. */
    public List<DkimResult> verify(byte[] message) {
        return verify(RawMessage.parse(message));
    }

    public List<DkimResult> verify(RawMessage message) {
        List<DkimResult> results = new ArrayList<>();
        Map<BodyForm, BodyHasher.Result> bodies = new HashMap<>();
        for (HeaderField field : message.headers()) {
            if (field.is("DKIM-Signature") && results.size() < maxSignatures) {
                results.add(verifyOne(message, field, bodies));
            }
        }
        return results;
    }

    /** What the body hash depends on: every supported algorithm hashes with SHA-256. */
    private record BodyForm(Canonicalization canonicalization, long limit) {}

    private DkimResult verifyOne(RawMessage message, HeaderField field, Map<BodyForm, BodyHasher.Result> bodies) {
        DkimSignature sig;
        try {
            sig = DkimSignatureParser.parse(field.value());
        } catch (DkimException e) {
            ParsedTags tags = ParsedTags.lenient(field.value());
            return new DkimResult(e.status(), tags.d(), tags.s(), tags.i(), tags.a(), tags.b(), 0, false, e.getMessage());
        }
        DkimKeyRecord key = null;
        try {
            if (sig.expiration() >= 0 && sig.expiration() < clock.instant().getEpochSecond()) {
                throw new DkimException(DkimStatus.POLICY, "signature expired (x=" + sig.expiration() + ")");
            }
            key = keys.fetch(sig.selector(), sig.domain());
            checkKey(sig, key);
            checkBody(message, sig, bodies);
            checkSignature(message, field, sig, key);
            return result(sig, key, DkimStatus.PASS, "signature verified");
        } catch (DkimException e) {
            return result(sig, key, e.status(), e.getMessage());
        }
    }

    private static DkimResult result(DkimSignature sig, DkimKeyRecord key, DkimStatus status, String reason) {
        return new DkimResult(status, sig.domain(), sig.selector(), sig.identity(), sig.algorithm().tag(), sig.b64(),
                key == null ? 0 : key.keyBits(), key != null && key.testing(), reason);
    }

    /** Section 6.1.2 steps 5-9 and RFC 8301 section 3.2. */
    private static void checkKey(DkimSignature sig, DkimKeyRecord key) throws DkimException {
        if (!key.keyType().equals(sig.algorithm().keyType())) {
            throw DkimKeyRecord.perm("key type k=" + key.keyType() + " does not fit a=" + sig.algorithm().tag());
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            throw DkimKeyRecord.perm("key record h= does not allow sha256");
        }
        if (!key.services().contains("*") && !key.services().contains("email")) {
            throw DkimKeyRecord.perm("key record is not for email (s=" + String.join(":", key.services()) + ")");
        }
        if (key.strict()) {
            String idDomain = sig.identity().substring(sig.identity().lastIndexOf('@') + 1);
            if (!idDomain.equalsIgnoreCase(sig.domain())) {
                throw DkimKeyRecord.perm("key has t=s but i= is a subdomain of d=");
            }
        }
        if (key.keyType().equals("rsa") && key.keyBits() < MIN_RSA_BITS) {
            throw new DkimException(DkimStatus.POLICY, "RSA key of " + key.keyBits() + " bits is under "
                    + MIN_RSA_BITS + " (RFC 8301)");
        }
    }

    /**
     * Section 6.1.3 steps 1-2: the body hash, honouring l=. Signatures of one message that
     * share body canonicalization and l= (an RSA and an Ed25519 signature, typically) share
     * one pass over the body. The body is read as received, a bare LF being a line end.
     */
    private static void checkBody(RawMessage m, DkimSignature sig, Map<BodyForm, BodyHasher.Result> bodies)
            throws DkimException {
        BodyHasher.Result body = bodies.computeIfAbsent(new BodyForm(sig.bodyCanon(), sig.bodyLength()),
                form -> BodyHasher.hashBareLf(m.octets(), m.bodyOffset(), m.octets().length,
                        form.canonicalization(), form.limit()));
        if (sig.bodyLength() > body.canonicalLength()) {
            throw new DkimException(DkimStatus.FAIL, "l=" + sig.bodyLength() + " is longer than the body ("
                    + body.canonicalLength() + " octets)");
        }
        if (!MessageDigest.isEqual(body.hash(), sig.bodyHash())) {
            throw new DkimException(DkimStatus.FAIL, "body hash did not verify");
        }
    }

    /** Section 6.1.3 steps 3-5 (RSA), RFC 8463 section 3 (Ed25519 over the SHA-256 of the header data). */
    private static void checkSignature(RawMessage m, HeaderField field, DkimSignature sig, DkimKeyRecord key)
            throws DkimException {
        byte[] data = SignedHeaders.data(m.headers(), field, sig.signedHeaders(), sig.headerCanon());
        if (!Crypto.verify(sig.algorithm(), key.key(), data, sig.signature())) {
            throw new DkimException(DkimStatus.FAIL, "signature did not verify");
        }
    }
}
