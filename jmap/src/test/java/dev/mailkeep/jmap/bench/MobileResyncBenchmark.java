// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.JmapServer;
import dev.mailkeep.jmap.JmapSettings;
import dev.mailkeep.jmap.SelfSignedTls;
import dev.mailkeep.jmap.core.Dispatcher;
import dev.mailkeep.jmap.core.SessionResource;
import dev.mailkeep.jmap.mail.MailMethods;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A full mobile resync cycle against a large account, over HTTPS: after {@code changes} changes
 * made by other clients (new mail, read flags, moves to the archive, deletions), one request with
 * Mailbox/changes, Email/changes, Email/get of the created and of the updated emails (by result
 * reference), and Email/queryChanges of the inbox listing. Reports p50/p99 of that request over
 * HTTPS (wall time), through the dispatcher in process (wall and CPU time), and the CPU time of
 * Email/queryChanges alone. The account is filled through the store (one delivery transaction per
 * 1,000 messages), not SMTP. The timed requests start {@value #SETTLE_MILLIS} ms after the last
 * change committed. Not a test; a main class in test scope:
 *
 * <pre>
 * ./mvnw -q -B -o -pl jmap -am test-compile
 * ./mvnw -q -B -o -pl jmap dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -cp "$(tr ':' '\n' \
 *     &lt; jmap/target/bench.classpath | grep -v mailkeep-store | paste -sd:):store/target/classes:jmap/target/classes:jmap/target/test-classes" \
 *     dev.mailkeep.jmap.bench.MobileResyncBenchmark [messages] [changes] [cycles] [recent|random] [window] [dataDir]
 * </pre>
 *
 * {@code recent}: the changed emails are among the newest 2,000 of the inbox (what a phone mostly
 * sees); {@code random}: anywhere in it. {@code window} &gt; 0: the client holds the newest that
 * many emails of the inbox and sends the last as {@code upToId}. A data folder given and already
 * filled is reused. The store comes from {@code store/target/classes}, not from the local Maven
 * repository, whose snapshot may be another branch's.
 */
public final class MobileResyncBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String USER = "bench@localhost";
    private static final String PASSWORD = "bench-password";
    private static final int WARMUP = 20;
    private static final long SETTLE_MILLIS = 300;

    private MobileResyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        boolean recent = args.length <= 3 || args[3].equals("recent");
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Path dir = args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("mailkeep-resync-bench");
        System.out.printf("BENCH load average before: %s", Files.readString(Path.of("/proc/loadavg")));
        try (MailStore store = XodusMailStore.open(dir)) {
            Account user = store.findAccount(USER).orElse(null);
            if (user == null) {
                user = store.createAccount(USER, PASSWORD.toCharArray());
            }
            MailboxId inbox = store.mailboxByRole(user.id(), MailboxRole.INBOX).orElseThrow().id();
            MailboxId archive = store.mailboxByRole(user.id(), MailboxRole.ARCHIVE).orElseThrow().id();
            List<EmailId> live = new ArrayList<>(store.queryEmails(user.id(),
                    new EmailQuery(inbox, true, 0, Integer.MAX_VALUE)).ids());
            fill(store, user, messages - live.size(), live);
            System.out.printf("BENCH account: %d emails in the inbox%n", live.size());

            SelfSignedTls tls = SelfSignedTls.create();
            try (JmapServer server = JmapServer.start(new JmapSettings(new InetSocketAddress("127.0.0.1", 0),
                    tls.serverContext(), JmapLimits.defaults()), store);
                 HttpClient http = HttpClient.newBuilder().sslContext(clientContext(tls))
                         .version(HttpClient.Version.valueOf(System.getProperty("bench.http", "HTTP_1_1"))).build()) {
                URI api = URI.create("https://127.0.0.1:" + server.boundAddress().getPort() + "/jmap/api");
                String account = user.id().value();
                String mailboxState = store.state(user.id(), DataType.MAILBOX).encode();
                String emailState = store.state(user.id(), DataType.EMAIL).encode();
                Random random = new Random(42);
                List<Long> full = new ArrayList<>();
                List<Long> fullLocal = new ArrayList<>();
                List<Long> fullCpu = new ArrayList<>();
                List<Long> queryChangesCpu = new ArrayList<>();
                Dispatcher local = new Dispatcher(MailMethods.registry(), store, JmapLimits.defaults(),
                        new SessionResource(JmapLimits.defaults()), new Wire(JSON));
                for (int cycle = 0; cycle < WARMUP + cycles; cycle++) {
                    String upToId = null;
                    if (window > 0) {
                        // The client holds the newest `window` emails of the inbox (fetched before, not timed).
                        JsonNode top = send(http, api, request(List.of(call("Email/query", Map.of("accountId", account,
                                "filter", Map.of("inMailbox", inbox.value()), "limit", window), "t"))));
                        JsonNode ids = top.get("methodResponses").get(0).get(1).get("ids");
                        upToId = ids.get(ids.size() - 1).textValue();
                    }
                    change(store, user, inbox, archive, live, changes, recent, random);
                    // The phone syncs after the changes were made, not while the store is still writing them.
                    Thread.sleep(SETTLE_MILLIS);
                    String cycleRequest = request(List.of(
                            call("Mailbox/changes", Map.of("accountId", account, "sinceState", mailboxState), "m"),
                            call("Email/changes", Map.of("accountId", account, "sinceState", emailState,
                                    "maxChanges", 500), "e"),
                            get(account, "/created", "c"),
                            get(account, "/updated", "u"),
                            queryChanges(account, inbox, emailState, upToId, "q")));
                    byte[] queryOnly = request(List.of(queryChanges(account, inbox, emailState, upToId, "q")))
                            .getBytes(StandardCharsets.UTF_8);
                    // In process, through the same dispatcher, without HTTP: CPU time, which the
                    // machine's other load does not inflate the way it inflates wall time.
                    long cpu = CPU.getCurrentThreadCpuTime();
                    local.handle(queryOnly, user);
                    long queryCpu = CPU.getCurrentThreadCpuTime() - cpu;
                    long t = System.nanoTime();
                    cpu = CPU.getCurrentThreadCpuTime();
                    local.handle(cycleRequest.getBytes(StandardCharsets.UTF_8), user);
                    long cycleCpu = CPU.getCurrentThreadCpuTime() - cpu;
                    long cycleLocal = System.nanoTime() - t;
                    if (Boolean.getBoolean("bench.warmConnection")) {
                        send(http, api, request(List.of(call("Core/echo", Map.of("warm", true), "w"))));
                    }
                    t = System.nanoTime();
                    JsonNode response = send(http, api, cycleRequest);
                    long cycleNanos = System.nanoTime() - t;
                    JsonNode responses = response.get("methodResponses");
                    mailboxState = responses.get(0).get(1).get("newState").textValue();
                    emailState = responses.get(1).get(1).get("newState").textValue();
                    int removed = responses.get(4).get(1).get("removed").size();
                    int added = responses.get(4).get(1).get("added").size();
                    if (cycle == WARMUP) {
                        System.out.printf("BENCH one cycle: %d created, %d updated, %d destroyed; queryChanges %d removed,"
                                + " %d added%n", responses.get(1).get(1).get("created").size(),
                                responses.get(1).get(1).get("updated").size(),
                                responses.get(1).get(1).get("destroyed").size(), removed, added);
                    }
                    if (cycle >= WARMUP) {
                        full.add(cycleNanos);
                        fullLocal.add(cycleLocal);
                        fullCpu.add(cycleCpu);
                        queryChangesCpu.add(queryCpu);
                    }
                }
                report("cycle, HTTPS, wall", full, messages, changes, recent, window);
                report("cycle, in-process, wall", fullLocal, messages, changes, recent, window);
                report("cycle, in-process, CPU", fullCpu, messages, changes, recent, window);
                report("queryChanges alone, CPU", queryChangesCpu, messages, changes, recent, window);
            }
        }
        System.out.printf("BENCH load average after: %s", Files.readString(Path.of("/proc/loadavg")));
    }

    /** Delivers {@code count} small messages to the inbox, 1,000 per store transaction. */
    private static void fill(MailStore store, Account user, int count, List<EmailId> live) {
        long start = System.nanoTime();
        for (int from = 0; from < count; from += 1000) {
            List<Delivery> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                batch.add(delivery(user, "message " + i));
            }
            live.addAll(store.deliver(batch));
        }
        if (count > 0) {
            System.out.printf("BENCH filled %d messages in %.0f s%n", count, (System.nanoTime() - start) / 1e9);
        }
    }

    private static Delivery delivery(Account user, String subject) {
        return new Delivery(user.id(), MailboxRole.INBOX, ("From: Sender <a@example.com>\r\nTo: " + USER + "\r\n"
                + "Subject: " + subject + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "." + System.nanoTime()
                + "@example.com>\r\n\r\nHello, this is " + subject + ".\r\n").getBytes(StandardCharsets.UTF_8), Set.of());
    }

    /**
     * {@code changes} committed changes as other clients make them: 30% new mail (one delivery
     * each), 40% read/unread flips, 20% moves to the archive, 10% deletions.
     */
    private static void change(MailStore store, Account user, MailboxId inbox, MailboxId archive, List<EmailId> live,
                               int changes, boolean recent, Random random) {
        for (int i = 0; i < changes; i++) {
            int kind = i % 10;
            if (kind < 3) {
                live.addAll(store.deliver(List.of(delivery(user, "new " + System.nanoTime()))));
                continue;
            }
            int window = recent ? Math.min(2000, live.size()) : live.size();
            int index = live.size() - 1 - random.nextInt(window);
            EmailId target = live.get(index);
            if (kind < 7) {
                store.updateEmails(user.id(), Map.of(target, EmailUpdate.keyword("$seen", random.nextBoolean())));
            } else if (kind < 9) {
                store.updateEmails(user.id(), Map.of(target, EmailUpdate.mailboxes(Set.of(archive))));
                live.remove(index);
            } else {
                store.destroyEmails(user.id(), List.of(target));
                live.remove(index);
            }
        }
    }

    private static ArrayNode call(String name, Map<String, Object> arguments, String id) {
        ArrayNode call = JSON.createArrayNode();
        call.add(name);
        call.add(JSON.valueToTree(arguments));
        call.add(id);
        return call;
    }

    private static ArrayNode get(String account, String path, String id) {
        ObjectNode reference = JSON.createObjectNode().put("resultOf", "e").put("name", "Email/changes").put("path", path);
        ObjectNode arguments = JSON.createObjectNode().put("accountId", account);
        arguments.set("#ids", reference);
        arguments.set("properties", JSON.valueToTree(List.of("threadId", "mailboxIds", "keywords", "receivedAt",
                "subject", "from", "preview")));
        ArrayNode call = JSON.createArrayNode();
        call.add("Email/get");
        call.add(arguments);
        call.add(id);
        return call;
    }

    private static ArrayNode queryChanges(String account, MailboxId inbox, String since, String upToId, String id) {
        Map<String, Object> arguments = new java.util.HashMap<>(Map.of("accountId", account,
                "filter", Map.of("inMailbox", inbox.value()),
                "sort", List.of(Map.of("property", "receivedAt", "isAscending", false)), "sinceQueryState", since,
                "calculateTotal", true));
        if (upToId != null) {
            arguments.put("upToId", upToId);
        }
        return call("Email/queryChanges", arguments, id);
    }

    private static String request(List<ArrayNode> calls) {
        ObjectNode request = JSON.createObjectNode();
        request.set("using", JSON.valueToTree(List.of("urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail")));
        ArrayNode methodCalls = request.putArray("methodCalls");
        calls.forEach(methodCalls::add);
        return request.toString();
    }

    private static JsonNode send(HttpClient http, URI api, String body) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static SSLContext clientContext(SelfSignedTls tls) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(tls.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void report(String label, List<Long> nanos, int messages, int changes, boolean recent, int window) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("BENCH %-24s %d messages, %d changes (%s), %s, %d cycles: p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms%n", label, messages, changes, recent ? "recent" : "random",
                window > 0 ? "upToId at " + window : "no upToId", sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e6,
                sorted.getLast() / 1e6);
    }
}
