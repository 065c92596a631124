// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.jmap.http.Compression.Coding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Accept-Encoding negotiation (RFC 9110 section 12.5.3) and the two codings' formats. */
class CompressionTest {
    @Test
    void negotiatesByQualityPreferringBrotliThenGzipOnATie() {
        // Accept-Encoding, choice with Brotli available, choice without it
        String[][] table = {
            {null, "IDENTITY", "IDENTITY"},
            {"", "IDENTITY", "IDENTITY"},
            {"identity", "IDENTITY", "IDENTITY"},
            {"br", "BROTLI", "IDENTITY"},
            {"BR;q=0.3", "BROTLI", "IDENTITY"},
            {"gzip", "GZIP", "GZIP"},
            {"GZip", "GZIP", "GZIP"},
            {"x-gzip", "GZIP", "GZIP"},
            {"deflate", "DEFLATE", "DEFLATE"},
            {"gzip, deflate, br", "BROTLI", "GZIP"},
            {"br;q=0.5, gzip", "GZIP", "GZIP"},
            {"br;q=0, gzip;q=0.1", "GZIP", "GZIP"},
            {"deflate, gzip", "GZIP", "GZIP"},
            {"gzip;q=0.5, deflate", "DEFLATE", "DEFLATE"},
            {"gzip; q=0.9, deflate;q=0.1", "GZIP", "GZIP"},
            {"gzip;q=0, deflate;q=0", "IDENTITY", "IDENTITY"},
            {"*", "BROTLI", "GZIP"},
            {"*;q=0.2, gzip;q=0", "BROTLI", "DEFLATE"},
            {"*;q=0.2, br;q=0, gzip;q=0", "DEFLATE", "DEFLATE"},
            {"gzip;q=abc", "IDENTITY", "IDENTITY"},
            {"gzip;q=2", "IDENTITY", "IDENTITY"},
        };
        for (String[] row : table) {
            assertEquals(Coding.valueOf(row[1]), Compression.choose(row[0], true), "with br, Accept-Encoding: " + row[0]);
            assertEquals(Coding.valueOf(row[2]), Compression.choose(row[0], false), "no br, Accept-Encoding: " + row[0]);
        }
    }

    @Test
    void brotliIsAvailableOnTheMachinesWeShipFor() throws Exception {
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("aarch64")), "natives are bundled for Linux x86-64 and ARM64 only");
        assertTrue(Compression.brotliAvailable());
        byte[] body = "{\"methodResponses\": [[\"Email/get\", {\"list\": []}, \"0\"]]}".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        byte[] br = Compression.encode(Coding.BROTLI, body);
        assertTrue(br.length < Compression.encode(Coding.GZIP, body).length, "smaller than gzip");
        assertArrayEquals(body, com.aayushatharva.brotli4j.decoder.Decoder.decompress(br).getDecompressedData());
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
