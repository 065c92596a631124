// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.jmap.protocol.Problem;
import dev.mailkeep.jmap.protocol.RequestRejected;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most maxSizeRequest (or, for uploads, maxSizeUpload) octets
 * (RFC 8620 section 2). The declared
 * Content-Length is checked first; a chunked body is counted as it arrives and never buffered
 * past the limit.
 */
final class LimitedBody {
    private LimitedBody() {}

    /** @param limit the name of the limit, for the problem details: maxSizeRequest or maxSizeUpload */
    static byte[] read(InputStream in, long contentLength, long max, String limit) throws RequestRejected, IOException {
        if (contentLength > max) {
            throw tooLarge(max, limit);
        }
        byte[] body = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
        if (body.length == max && in.read() != -1) {
            throw tooLarge(max, limit);
        }
        return body;
    }

    private static RequestRejected tooLarge(long max, String limit) {
        return new RequestRejected(Problem.limit(limit, "the request body exceeds " + max + " octets"));
    }
}
