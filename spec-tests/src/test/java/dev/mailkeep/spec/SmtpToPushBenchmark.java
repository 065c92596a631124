// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Benchmark harness (a main class, not a test): the time from the SMTP {@code 250} that ends a
 * DATA transaction, as the client reads it, to the StateChange event for Email reaching an
 * EventSource client (the token URL of the session), both clients in this process and the server
 * the real jar in a child process. Deliveries go one after another over one connection; each waits
 * for its event. A negative time means the event arrived before the 250 was read.
 *
 * <p>Arguments: {@code [measured deliveries, default 500] [warm-up deliveries, default 50]}; the
 * server jar comes from {@code -Dmailkeep.jar} (default {@code ../server/target/mailkeep.jar}).
 */
public final class SmtpToPushBenchmark {
    private static final String USER = "bench@example.test";
    private static final String PASSWORD = "bench password";

    private SmtpToPushBenchmark() {}

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Files.createTempDirectory("mailkeep-bench");
        try (MailkeepProcess mailkeep = new MailkeepProcess(work)) {
            if (mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin").exitCode() != 0) {
                throw new IllegalStateException("user add failed");
            }
            mailkeep.start();
            String url = new Jmap(mailkeep.baseUrl(), USER, PASSWORD).session().getString("eventSourceUrl")
                    .replace("{types}", "Email").replace("{closeafter}", "no").replace("{ping}", "0");
            HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
            HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            if (stream.statusCode() != 200) {
                throw new IllegalStateException("EventSource answered " + stream.statusCode());
            }
            BlockingQueue<Long> events = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofPlatform().daemon().name("eventsource").start(() -> read(stream.body(), events));

            long[] micros = new long[measured];
            int early = 0;
            SmtpDialogue smtp = connect(mailkeep);
            for (int i = 0; i < warmUp + measured; i++) {
                if (i > 0 && i % 100 == 0) {
                    smtp.send("QUIT").expect("221");
                    smtp.close();
                    smtp = connect(mailkeep);
                }
                smtp.send("MAIL FROM:<sender@bench.example>").expect("250");
                smtp.send("RCPT TO:<" + USER + ">").expect("250");
                smtp.send("DATA").expect("354");
                smtp.sendRaw(("Subject: bench " + i + "\r\nMessage-ID: <bench" + i + "@bench.example>\r\n\r\n"
                        + "body " + i + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
                smtp.expect("250");
                long acknowledged = System.nanoTime();
                Long event = events.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new IllegalStateException("no StateChange within 10 s after delivery " + i);
                }
                if (i >= warmUp) {
                    micros[i - warmUp] = (event - acknowledged) / 1000;
                    early += event < acknowledged ? 1 : 0;
                }
            }
            smtp.close();
            reader.interrupt();
            Arrays.sort(micros);
            System.out.printf("SMTP 250 -> EventSource StateChange, %d deliveries after %d warm-up: "
                    + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, min %.2f ms; %d events before the 250 was read%n",
                    measured, warmUp, ms(micros, 0.50), ms(micros, 0.90), ms(micros, 0.99), micros[measured - 1] / 1000.0,
                    micros[0] / 1000.0, early);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1000.0;
    }

    private static SmtpDialogue connect(MailkeepProcess mailkeep) throws Exception {
        SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"));
        smtp.expect("220");
        smtp.send("EHLO bench.example").expect("250 ");
        return smtp;
    }

    /** Puts the arrival time of every {@code state} event on the queue. */
    private static void read(InputStream body, BlockingQueue<Long> events) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.isEmpty()) {
                    if ("state".equals(event)) {
                        events.add(System.nanoTime());
                    }
                    event = null;
                }
            }
        } catch (java.io.IOException e) {
            // the stream closes with the server
        }
    }

    private static SSLContext trustAll() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
