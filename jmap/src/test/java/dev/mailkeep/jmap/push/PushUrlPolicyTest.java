// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Which push URLs the server calls (SSRF protection), with literal addresses so no DNS is needed. */
class PushUrlPolicyTest {
    private final PushUrlPolicy strict = new PushUrlPolicy(false);

    @Test
    void nonPublicAddressesAreRefusedUnlessAllowed() throws Exception {
        String[] refused = {"http://127.0.0.1/p", "https://[::1]/p", "http://0.0.0.0/p", "http://10.0.0.8/p",
            "http://172.16.5.4/p", "http://192.168.1.1/p", "http://169.254.169.254/latest", "http://100.64.0.1/p",
            "https://[fd12::1]/p", "https://[fe80::1]/p", "https://[::ffff:10.0.0.1]/p", "https://[64:ff9b::a00:1]/p",
            "http://224.0.0.1/p", "http://255.255.255.255/p", "http://198.18.0.1/p"};
        for (String url : refused) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.check(url), url);
            assertTrue(e.getMessage().contains("non-public"), url + ": " + e.getMessage());
            assertEquals(url, new PushUrlPolicy(true).check(url).toString());
        }
        assertEquals("https://93.184.215.14/push", strict.check("https://93.184.215.14/push").toString());
        assertEquals("https://[2606:4700::1]/p", strict.check("https://[2606:4700::1]/p").toString());
        assertTrue(PushUrlPolicy.isPublic(InetAddress.getByName("64:ff9b::5db8:d70e")), "NAT64 of a public address");
    }

    @Test
    void onlyHttpAndHttpsWithoutUserInfo() {
        for (String url : new String[] {"ftp://93.184.215.14/p", "file:///etc/passwd", "https://user:pw@93.184.215.14/p",
            "not a url", "https:///nohost"}) {
            assertThrows(IllegalArgumentException.class, () -> new PushUrlPolicy(true).check(url), url);
        }
    }
}
