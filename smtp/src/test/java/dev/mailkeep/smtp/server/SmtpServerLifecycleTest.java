// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.testing.SmtpTestClient;
import dev.mailkeep.store.MailStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmtpServerLifecycleTest {
    private static final MailStore UNUSED_STORE = (MailStore) Proxy.newProxyInstance(
            SmtpServerLifecycleTest.class.getClassLoader(), new Class<?>[] {MailStore.class},
            (self, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void closeTellsOpenSessionsAndStopsListening() throws Exception {
        SmtpServer server = SmtpServer.start(new SmtpSettings("mx.example.org", Set.of("example.org"), 1000, null),
                List.of(new SmtpListener("a", new InetSocketAddress("127.0.0.1", 0), SmtpMode.INGRESS),
                        new SmtpListener("b", new InetSocketAddress("127.0.0.1", 0), SmtpMode.SUBMISSION)),
                UNUSED_STORE);
        assertEquals(List.of("a", "b"), List.copyOf(server.boundAddresses().keySet()));
        InetSocketAddress address = server.boundAddresses().get("a");
        assertTrue(address.getPort() > 0);
        try (SmtpTestClient smtp = SmtpTestClient.connect(address)) {
            smtp.expect("220 mx.example.org ESMTP Mailkeep");
            server.close();
            smtp.expect("421 4.3.2 mx.example.org shutting down");
            assertTrue(smtp.isClosedByServer());
        }
        assertThrows(IOException.class, () -> new Socket().connect(address, 1000));
    }
}
