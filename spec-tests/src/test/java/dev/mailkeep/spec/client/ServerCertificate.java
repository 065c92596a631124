// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/**
 * Makes the JVM's default trust (which OkHttp, under jmap-client, reads when its shared client is
 * built) trust the certificate the server generated on first start, and nothing else: a trust
 * store file holding only {@code DATA/tls/certificate.pem}, named by {@code javax.net.ssl.trustStore}.
 * Test-only; call before the first jmap-client call of the JVM, and {@link #forget()} when done (the
 * library's client keeps the trust it was built with).
 */
final class ServerCertificate {
    private ServerCertificate() {}

    static void trust(Path dataDir, Path work) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(dataDir.resolve("tls/certificate.pem"))) {
            store.setCertificateEntry("mailkeep", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        Path file = work.resolve("trust.p12");
        char[] password = "trust".toCharArray();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        System.setProperty("javax.net.ssl.trustStore", file.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "trust");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    /** Gives the JVM back its default trust for whatever runs next. */
    static void forget() {
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }
}
