// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.jmap.http.Compression.Coding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** Accept-Encoding negotiation (RFC 9110 section 12.5.3) and the two codings' formats. */
class CompressionTest {
    @Test
    void negotiatesByQualityPreferringGzipOnATie() {
        String[][] table = {
            {null, "IDENTITY"},
            {"", "IDENTITY"},
            {"identity", "IDENTITY"},
            {"br", "IDENTITY"},
            {"gzip", "GZIP"},
            {"GZip", "GZIP"},
            {"x-gzip", "GZIP"},
            {"deflate", "DEFLATE"},
            {"gzip, deflate, br", "GZIP"},
            {"deflate, gzip", "GZIP"},
            {"gzip;q=0.5, deflate", "DEFLATE"},
            {"gzip; q=0.9, deflate;q=0.1", "GZIP"},
            {"gzip;q=0, deflate;q=0", "IDENTITY"},
            {"*", "GZIP"},
            {"*;q=0.2, gzip;q=0", "DEFLATE"},
            {"gzip;q=abc", "IDENTITY"},
            {"gzip;q=2", "IDENTITY"},
        };
        for (String[] row : table) {
            assertEquals(Coding.valueOf(row[1]), Compression.choose(row[0]), "Accept-Encoding: " + row[0]);
        }
    }

    @Test
    void gzipAndDeflateDecodeWithTheStandardDecoders() throws Exception {
        byte[] body = "{\"methodResponses\": []}".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] gzip = Compression.encode(Coding.GZIP, body);
        byte[] deflate = Compression.encode(Coding.DEFLATE, body);
        assertEquals((byte) 0x1f, gzip[0], "gzip magic");
        assertEquals(0x78, deflate[0], "zlib header (RFC 1950), not raw deflate");
        assertArrayEquals(body, new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes());
        assertArrayEquals(body, new InflaterInputStream(new ByteArrayInputStream(deflate)).readAllBytes());
    }
}
