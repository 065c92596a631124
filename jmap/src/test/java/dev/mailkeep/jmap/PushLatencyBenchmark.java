// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Time from {@code MailStore.deliver} returning (the point where SMTP answers 250) to the
 * StateChange event reaching an EventSource client over HTTPS, for deliveries one after another.
 * Not part of the test suite; run with {@code -Dtest=PushLatencyBenchmark -Dmailkeep.bench=true}.
 */
@EnabledIfSystemProperty(named = "mailkeep.bench", matches = "true")
class PushLatencyBenchmark {
    private static final int WARM_UP = 50;
    private static final int MEASURED = 300;

    @Test
    void deliveryToStateChangeEvent() throws Exception {
        try (TestJmap jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 100_000, 4, 16, 500, 500));
             HttpClient client = EventStream.client(jmap);
             EventStream stream = EventStream.open(client, jmap.baseUrl() + "/jmap/eventsource?types=EmailDelivery&ping=0",
                     TestJmap.ALICE, TestJmap.ALICE_PASSWORD)) {
            long[] micros = new long[MEASURED];
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                jmap.deliver(jmap.alice, "Subject: message " + i + "\r\n\r\nbody " + i + "\r\n");
                long delivered = System.nanoTime();
                EventStream.Event event = stream.next();
                long elapsed = (System.nanoTime() - delivered) / 1000;
                assertEquals("state", event.name());
                if (i >= WARM_UP) {
                    micros[i - WARM_UP] = elapsed;
                }
            }
            Arrays.sort(micros);
            System.out.printf("delivery -> EventSource StateChange over %d deliveries: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    MEASURED, micros[MEASURED / 2] / 1000.0, micros[(int) (MEASURED * 0.99)] / 1000.0,
                    micros[MEASURED - 1] / 1000.0);
        }
    }
}
