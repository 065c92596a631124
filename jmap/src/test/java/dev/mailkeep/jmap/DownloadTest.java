// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.EmailId;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Blob download (RFC 8620 section 6.2) through the session's downloadUrl, checked against the account. */
class DownloadTest {
    private static final String PATH = "/jmap/download/{accountId}/{blobId}/{name}";
    private static TestJmap jmap;
    private static String dinnerBlob;
    private static String bobsBlob;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
        EmailId dinner = jmap.deliver(jmap.alice, Messages.DINNER);
        EmailId bobs = jmap.deliver(jmap.bob, Messages.BARE);
        dinnerBlob = jmap.store.emails(jmap.alice.id(), List.of(dinner)).get(dinner).blobId().value();
        bobsBlob = jmap.store.emails(jmap.bob.id(), List.of(bobs)).get(bobs).blobId().value();
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    @Test
    void downloadsTheRawMessageWithTheAskedNameAndType() {
        Response response = jmap.alice().queryParam("type", "message/rfc822")
                .get(PATH, jmap.alice.id().value(), dinnerBlob, "dinner.eml");
        response.then().statusCode(200)
                .header("Content-Type", "message/rfc822")
                .header("Content-Disposition", "attachment; filename=\"dinner.eml\"; filename*=UTF-8''dinner.eml");
        assertArrayEquals(Messages.DINNER.getBytes(StandardCharsets.UTF_8), response.asByteArray());
    }

    @Test
    void aNonAsciiNameIsSentAsAnRfc8187Parameter() {
        jmap.alice().get(PATH, jmap.alice.id().value(), dinnerBlob, "Grüße \"x\".eml").then()
                .statusCode(200)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition",
                        "attachment; filename=\"Gr__e _x_.eml\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22x%22.eml");
    }

    @Test
    void blobsOutsideTheUsersAccountAreNotFound() {
        jmap.bob().get(PATH, jmap.alice.id().value(), dinnerBlob, "x").then().statusCode(404);
        jmap.bob().get(PATH, jmap.bob.id().value(), dinnerBlob, "x").then().statusCode(404);
        jmap.alice().get(PATH, jmap.alice.id().value(), bobsBlob, "x").then().statusCode(404);
        jmap.alice().get(PATH, jmap.alice.id().value(), "no*such*blob", "x").then().statusCode(404);
        Response bobs = jmap.bob().get(PATH, jmap.bob.id().value(), bobsBlob, "bare.eml");
        bobs.then().statusCode(200);
        assertEquals(Messages.BARE, bobs.asString());
    }

    @Test
    void aSingleByteRangeIsServedPartially() {
        byte[] all = Messages.DINNER.getBytes(StandardCharsets.UTF_8);
        String account = jmap.alice.id().value();
        Response first = jmap.alice().header("Range", "bytes=0-3").get(PATH, account, dinnerBlob, "d.eml");
        first.then().statusCode(206)
                .header("Content-Range", "bytes 0-3/" + all.length)
                .header("Content-Length", "4");
        assertEquals("From", first.asString());

        Response suffix = jmap.alice().header("Range", "bytes=-25").get(PATH, account, dinnerBlob, "d.eml");
        suffix.then().statusCode(206).header("Content-Range",
                "bytes " + (all.length - 25) + "-" + (all.length - 1) + "/" + all.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, all.length - 25, all.length), suffix.asByteArray());

        Response open = jmap.alice().header("Range", "bytes=6-").get(PATH, account, dinnerBlob, "d.eml");
        open.then().statusCode(206);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 6, all.length), open.asByteArray());

        jmap.alice().header("Range", "bytes=" + all.length + "-").get(PATH, account, dinnerBlob, "d.eml").then()
                .statusCode(416).header("Content-Range", "bytes */" + all.length);

        Response several = jmap.alice().header("Range", "bytes=0-1, 4-5").get(PATH, account, dinnerBlob, "d.eml");
        several.then().statusCode(200).header("Accept-Ranges", "bytes");
        assertArrayEquals(all, several.asByteArray());
    }

    @Test
    void downloadNeedsCredentialsAndAValidType() {
        assertEquals(TestJmap.CHALLENGES, jmap.anonymous().get(PATH, jmap.alice.id().value(), dinnerBlob, "x").then()
                .statusCode(401)
                .extract().headers().getValues("WWW-Authenticate"));
        jmap.alice().queryParam("type", "not a type").get(PATH, jmap.alice.id().value(), dinnerBlob, "x").then()
                .statusCode(400);
    }
}
