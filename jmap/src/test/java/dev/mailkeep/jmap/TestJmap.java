// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static io.restassured.RestAssured.given;

import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.account.LoginLimits;
import dev.mailkeep.store.account.LoginThrottle;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real {@link JmapServer} over HTTPS (self-signed certificate) on an ephemeral loopback port,
 * over a real store in a temporary folder with two users, alice and bob.
 */
final class TestJmap implements AutoCloseable {
    static final String ALICE = "alice@localhost";
    static final String ALICE_PASSWORD = "alice secret: with colon";
    static final String BOB = "bob@localhost";
    static final String BOB_PASSWORD = "bob-secret";
    /** The WWW-Authenticate values of every 401 (RFC 9110 section 11.6.1). */
    static final List<String> CHALLENGES = List.of("Basic realm=\"Mailkeep\"", "Bearer realm=\"Mailkeep\"");

    final Path dir;
    final MailStore store;
    final JmapServer server;
    final Account alice;
    final Account bob;
    private final SelfSignedTls tls;

    private TestJmap(Path dir, MailStore store, JmapServer server, Account alice, Account bob, SelfSignedTls tls) {
        this.dir = dir;
        this.store = store;
        this.server = server;
        this.alice = alice;
        this.bob = bob;
        this.tls = tls;
    }

    static TestJmap start(JmapLimits limits) throws Exception {
        return start(limits, UnaryOperator.identity());
    }

    /** @param wrap lets a test put a wrapper between the server and the real store */
    static TestJmap start(JmapLimits limits, UnaryOperator<MailStore> wrap) throws Exception {
        return start(limits, wrap, dev.mailkeep.jmap.push.PushSettings.DEFAULT);
    }

    static TestJmap start(JmapLimits limits, UnaryOperator<MailStore> wrap, dev.mailkeep.jmap.push.PushSettings push)
            throws Exception {
        return start(limits, wrap, push, LoginLimits.DEFAULTS, List.of());
    }

    /** With configured failed-login limits and CORS origins. */
    static TestJmap start(LoginLimits login, List<String> corsOrigins) throws Exception {
        return start(JmapLimits.defaults(), UnaryOperator.identity(), dev.mailkeep.jmap.push.PushSettings.DEFAULT, login,
                corsOrigins);
    }

    private static TestJmap start(JmapLimits limits, UnaryOperator<MailStore> wrap, dev.mailkeep.jmap.push.PushSettings push,
                                  LoginLimits login, List<String> corsOrigins) throws Exception {
        Path dir = Files.createTempDirectory("mailkeep-jmap-test");
        MailStore store = XodusMailStore.open(dir);
        Account alice = store.createAccount(ALICE, ALICE_PASSWORD.toCharArray());
        Account bob = store.createAccount(BOB, BOB_PASSWORD.toCharArray());
        SelfSignedTls tls = SelfSignedTls.create();
        JmapServer server = JmapServer.start(
                new JmapSettings(new InetSocketAddress("127.0.0.1", 0), tls.serverContext(), limits, new LoginThrottle(login),
                        corsOrigins),
                wrap.apply(store), push);
        return new TestJmap(dir, store, server, alice, bob, tls);
    }

    java.security.KeyStore trustStore() {
        return tls.trustStore();
    }

    /** Java's HttpClient trusting this server; it offers HTTP/2 by ALPN. */
    java.net.http.HttpClient httpClient() throws Exception {
        javax.net.ssl.TrustManagerFactory trust =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(tls.trustStore());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return java.net.http.HttpClient.newBuilder().sslContext(context).version(java.net.http.HttpClient.Version.HTTP_2).build();
    }

    String baseUrl() {
        return "https://127.0.0.1:" + server.boundAddress().getPort();
    }

    RequestSpecification anonymous() {
        return given()
                .baseUri(baseUrl())
                .config(RestAssuredConfig.config()
                        .sslConfig(SSLConfig.sslConfig().trustStore(tls.trustStore()))
                        .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .redirects().follow(false);
    }

    RequestSpecification as(String user, String password) {
        return anonymous().auth().preemptive().basic(user, password);
    }

    RequestSpecification alice() {
        return as(ALICE, ALICE_PASSWORD);
    }

    RequestSpecification bob() {
        return as(BOB, BOB_PASSWORD);
    }

    /** Delivers one message into the account's inbox and returns its id. */
    EmailId deliver(Account account, String message) {
        return deliver(account, MailboxRole.INBOX, message);
    }

    EmailId deliver(Account account, MailboxRole role, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return store.deliver(List.of(new Delivery(account.id(), role, bytes, Set.of()))).getFirst();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            store.close();
        } catch (org.apache.lucene.store.AlreadyClosedException e) {
            // Store defect, reported: SearchSide.close() interrupts its committer (shutdownNow) while a
            // Lucene commit may be running, which closes the index files under it. Teardown only;
            // nothing these tests assert depends on it.
            System.err.println("store close failed (store defect): " + e);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
