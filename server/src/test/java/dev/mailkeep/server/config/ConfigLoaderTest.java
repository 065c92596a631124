// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.delivery.Network;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansTheEmbeddedDefaults() throws Exception {
        MailkeepConfig config = ConfigLoader.load(null, null);
        assertEquals("localhost", config.hostname());
        assertEquals(List.of("localhost"), config.domains());
        assertEquals(Path.of("mailkeep-data").toAbsolutePath(), config.dataDir());
        assertEquals(new ListenerConfig("jmap", true, "127.0.0.1", 8443, true), config.jmap());
        assertEquals(new ListenerConfig("smtp", true, "127.0.0.1", 2525, true), config.smtp());
        assertEquals(new ListenerConfig("submission", true, "127.0.0.1", 2587, true), config.submission());
        assertEquals(new ListenerConfig("submissions", true, "127.0.0.1", 2465, true), config.submissions());
        assertEquals(25L * 1024 * 1024, config.maxMessageSize());
        assertEquals(30, config.changeRetentionDays());
        assertFalse(config.pushAllowPrivateAddresses());
        assertEquals(7, config.pushMaxExpiryDays());
        assertEquals(List.of(), config.dnsResolvers());
        assertEquals(ConfigLoader.DEFAULT_TRUSTED_NETWORKS, config.trustedNetworks());
        assertTrue(config.generateCertificate());
        assertEquals(config.dataDir().resolve("tls/certificate.pem"), config.certificate());
        assertEquals(config.dataDir().resolve("run/listeners.json"), config.listenersFile());
        assertEquals(new AccessConfig(10, 30, java.time.Duration.ofSeconds(300), List.of()), config.access());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        Path file = write("""
                hostname = "MX.Example.ORG"
                domains = ["example.org", "example.net"]
                data_dir = "var/mail"
                max_message_size = 52428800
                change_retention_days = 90
                dns_resolvers = ["127.0.0.1:5353", "[::1]:53", "9.9.9.9"]
                trusted_networks = ["192.0.2.0/24", "2001:db8::/32"]

                [tls]
                certificate = "tls/fullchain.pem"
                private_key = "tls/key.pem"

                [jmap]
                address = "0.0.0.0"
                port = 443
                [smtp]
                port = 25
                tls = false
                [submission]
                enabled = false
                [submissions]
                address = "::"
                port = 0

                [push]
                allow_private_addresses = true
                max_expiry_days = 30

                [auth]
                max_failures_per_user = 5
                max_failures_per_ip = 50
                failure_window_seconds = 900

                [cors]
                allowed_origins = ["https://Webmail.Example.org", "http://localhost:5173", "http://[::1]:8080"]
                """);
        MailkeepConfig config = ConfigLoader.load(file, null);
        assertEquals("mx.example.org", config.hostname());
        assertEquals(List.of("example.org", "example.net"), config.domains());
        assertEquals(dir.resolve("var/mail"), config.dataDir());
        assertEquals(52428800L, config.maxMessageSize());
        assertEquals(90, config.changeRetentionDays());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("::1", 53),
                new InetSocketAddress("9.9.9.9", 53)), config.dnsResolvers());
        assertEquals(List.of(Network.parse("192.0.2.0/24"), Network.parse("2001:db8::/32")), config.trustedNetworks());
        assertFalse(config.generateCertificate());
        assertEquals(dir.resolve("tls/fullchain.pem"), config.certificate());
        assertEquals(dir.resolve("tls/key.pem"), config.privateKey());
        assertEquals(new ListenerConfig("jmap", true, "0.0.0.0", 443, true), config.jmap());
        assertEquals(new ListenerConfig("smtp", true, "127.0.0.1", 25, false), config.smtp());
        assertFalse(config.submission().enabled());
        assertEquals(new ListenerConfig("submissions", true, "::", 0, true), config.submissions());
        assertTrue(config.pushAllowPrivateAddresses());
        assertEquals(30, config.pushMaxExpiryDays());
        assertEquals(new AccessConfig(5, 50, java.time.Duration.ofSeconds(900),
                List.of("https://webmail.example.org", "http://localhost:5173", "http://[::1]:8080")), config.access());
        assertTrue(config.servesAddress("Someone@EXAMPLE.net"));
        assertFalse(config.servesAddress("someone@example.com"));
    }

    @Test
    void dataOptionOverridesTheFile() throws Exception {
        Path file = write("data_dir = \"elsewhere\"\n");
        assertEquals(dir.resolve("chosen"), ConfigLoader.load(file, dir.resolve("chosen")).dataDir());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            colour = "blue"                                   | colour: unknown configuration key
            [smtp]\\nprot = 25                                 | smtp.prot: unknown configuration key
            [jmap]\\nport = 70000                              | jmap.port: 70000 is out of range 0..65535
            [jmap]\\nport = "443"                              | jmap.port: expected an integer
            [smtp]\\naddress = "mail.example.org"              | smtp.address: "mail.example.org" is not an IP address
            [smtp]\\ntls = "yes"                               | smtp.tls: expected true or false
            domains = []                                      | domains: at least one domain must be served
            domains = ["ex ample.org"]                        | domains[0]: "ex ample.org" is not a valid domain name
            hostname = 42                                     | hostname: expected a string
            max_message_size = 10                             | max_message_size: 10 is out of range
            change_retention_days = 0                         | change_retention_days: 0 is out of range 1..3650
            dns_resolvers = ["127.0.0.1:99999"]               | dns_resolvers[0]: "127.0.0.1:99999": port out of range
            dns_resolvers = ["resolver.example"]              | dns_resolvers[0]: "resolver.example" is not an IP address
            trusted_networks = ["10.0.0.0/33"]                | trusted_networks[0]: prefix /33 out of range 0..32
            trusted_networks = ["intranet"]                   | trusted_networks[0]: "intranet" is not an IP network
            [tls]\\ncertificate = "cert.pem"                   | tls.private_key: tls.certificate and tls.private_key must be given together
            [submissions]\\ntls = false                        | submissions.tls: the implicit-TLS submission listener cannot run without TLS
            smtp = 3                                          | smtp: expected a table
            [push]\\nmax_expiry_days = 0                     | push.max_expiry_days: 0 is out of range 1..365
            [auth]\\nmax_failures_per_user = 0               | auth.max_failures_per_user: 0 is out of range 1..1000000
            [auth]\\nmax_failures_per_ip = -1                | auth.max_failures_per_ip: -1 is out of range 1..1000000
            [auth]\\nfailure_window_seconds = 86401          | auth.failure_window_seconds: 86401 is out of range 1..86400
            [auth]\\nmax_failures = 3                        | auth.max_failures: unknown configuration key
            [cors]\\nallowed_origins = "https://a.example"   | cors.allowed_origins: expected a list of strings
            [cors]\\nallowed_origins = ["https://a.example/"] | cors.allowed_origins[0]: "https://a.example/" is not an origin
            [cors]\\nallowed_origins = ["a.example"]          | cors.allowed_origins[0]: "a.example" is not an origin
            [cors]\\nallowed_origins = ["ftp://a.example"]    | cors.allowed_origins[0]: "ftp://a.example" is not an origin
            hostname = "unterminated                          | not valid TOML
            """)
    void badConfigurationNamesTheKey(String toml, String message) throws Exception {
        Path file = write(toml.replace("\\n", "\n") + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, null));
        assertTrue(e.getMessage().contains(message), () -> "message \"" + e.getMessage() + "\" lacks \"" + message + "\"");
    }

    @Test
    void missingFileIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.toml"), null));
        assertTrue(e.getMessage().startsWith("configuration file not found"), e.getMessage());
    }

    private Path write(String toml) throws Exception {
        Path file = dir.resolve("mailkeep.toml");
        Files.writeString(file, toml);
        return file;
    }
}
