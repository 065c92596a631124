// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.bench;

import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.JmapServer;
import dev.mailkeep.jmap.JmapSettings;
import dev.mailkeep.jmap.SelfSignedTls;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Requests per second and p99 latency of the API endpoint over HTTPS with 50 concurrent clients:
 * a Core/echo request, and a request of three chained back-referenced calls (Email/query,
 * Email/get of its ids, Thread/get of their threads). Not part of the test suite; run with
 * {@code -Dtest=ApiBenchmark -Dmailkeep.bench=true}.
 */
@EnabledIfSystemProperty(named = "mailkeep.bench", matches = "true")
class ApiBenchmark {
    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 200;

    @Test
    void echoAndChainedCalls() throws Exception {
        Path dir = Files.createTempDirectory("mailkeep-bench");
        try (MailStore store = XodusMailStore.open(dir)) {
            Account user = store.createAccount("bench@localhost", "bench-password".toCharArray());
            List<Delivery> deliveries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                deliveries.add(new Delivery(user.id(), MailboxRole.INBOX, ("From: a@example.com\r\nTo: bench@localhost\r\n"
                        + "Subject: message " + i + "\r\nMessage-ID: <m" + i + "@example.com>\r\n\r\nbody " + i + "\r\n")
                        .getBytes(StandardCharsets.UTF_8), Set.of()));
            }
            store.deliver(deliveries);
            SelfSignedTls tls = SelfSignedTls.create();
            try (JmapServer server = JmapServer.start(new JmapSettings(new InetSocketAddress("127.0.0.1", 0),
                    tls.serverContext(), new JmapLimits(50_000_000, 4, 10_000_000, CLIENTS, 16, 500, 500)), store)) {
                String url = "https://127.0.0.1:" + server.boundAddress().getPort() + "/jmap/api";
                String account = user.id().value();
                String echo = "{\"using\": [\"urn:ietf:params:jmap:core\"], \"methodCalls\": [[\"Core/echo\", "
                        + "{\"hello\": true, \"high\": 5}, \"b3ff\"]]}";
                String chained = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": ["
                        + "[\"Email/query\", {\"accountId\": \"" + account + "\", \"limit\": 10}, \"t0\"],"
                        + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"properties\": [\"threadId\", \"subject\", \"from\"],"
                        + " \"#ids\": {\"resultOf\": \"t0\", \"name\": \"Email/query\", \"path\": \"/ids\"}}, \"t1\"],"
                        + "[\"Thread/get\", {\"accountId\": \"" + account + "\","
                        + " \"#ids\": {\"resultOf\": \"t1\", \"name\": \"Email/get\", \"path\": \"/list/*/threadId\"}}, \"t2\"]]}";
                SSLContext client = clientContext(tls);
                run("Core/echo", url, echo, client);
                run("Core/echo", url, echo, client);
                run("query+get+get chained", url, chained, client);
                run("query+get+get chained", url, chained, client);
            }
        }
    }

    private static SSLContext clientContext(SelfSignedTls tls) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(tls.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void run(String label, String url, String body, SSLContext tls) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("bench@localhost:bench-password".getBytes(StandardCharsets.UTF_8));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(executor.submit(() -> {
                    try (HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build()) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                            long t = System.nanoTime();
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                                throw new IllegalStateException(response.statusCode() + " " + response.body());
                            }
                            latencies.add(System.nanoTime() - t);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("BENCH %-24s %d clients x %d: %.0f requests/s, p50 %.1f ms, p99 %.1f ms%n", label, CLIENTS,
                REQUESTS_PER_CLIENT, sorted.size() / seconds, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
}
