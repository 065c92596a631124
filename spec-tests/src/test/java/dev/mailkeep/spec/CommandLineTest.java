// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mailkeep.spec.MailkeepProcess.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's command line, run as the real jar: what it accepts, refuses and says. */
class CommandLineTest {
    @TempDir
    Path work;

    @Test
    void userAddListAndRefusals() throws Exception {
        MailkeepProcess mailkeep = new MailkeepProcess(work);
        CliResult added = mailkeep.cli("long enough password\n", "user", "add", "Carol@Example.TEST", "--password-stdin");
        assertEquals(0, added.exitCode(), added.stderr());
        assertThat(added.stdout(), containsString("created carol@example.test"));

        CliResult again = mailkeep.cli("another password\n", "user", "add", "carol@example.test", "--password-stdin");
        assertEquals(1, again.exitCode());
        assertThat(again.stderr(), containsString("already exists"));

        CliResult foreign = mailkeep.cli("long enough password\n", "user", "add", "dave@elsewhere.example", "--password-stdin");
        assertEquals(1, foreign.exitCode());
        assertThat(foreign.stderr(), containsString("not in a served domain"));

        CliResult tooShort = mailkeep.cli("short\n", "user", "add", "erin@example.test", "--password-stdin");
        assertEquals(1, tooShort.exitCode());
        assertThat(tooShort.stderr(), containsString("at least 8 characters"));

        CliResult unknown = mailkeep.cli("long enough password\n", "user", "passwd", "nobody@example.test", "--password-stdin");
        assertEquals(1, unknown.exitCode());
        assertThat(unknown.stderr(), containsString("no such user"));

        CliResult list = mailkeep.cli(null, "user", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertEquals(List.of("carol@example.test"), list.stdout().lines().toList());

        CliResult reindex = mailkeep.cli(null, "reindex");
        assertEquals(0, reindex.exitCode(), reindex.stderr());
        assertThat(reindex.stdout(), containsString("reindexed 0 email(s)"));
    }

    @Test
    void passwordChangeTakesEffectAndUsersCanBeManagedWhileTheServerRuns() throws Exception {
        try (MailkeepProcess mailkeep = new MailkeepProcess(work)) {
            assertEquals(0, mailkeep.cli("first password\n", "user", "add", "frank@example.test", "--password-stdin").exitCode());
            assertEquals(0, mailkeep.cli("second password\n", "user", "passwd", "frank@example.test", "--password-stdin").exitCode());
            mailkeep.start();

            new Jmap(mailkeep.baseUrl(), "frank@example.test", "first password").request().get("/jmap/session")
                    .then().statusCode(401);
            new Jmap(mailkeep.baseUrl(), "frank@example.test", "second password").request().get("/jmap/session")
                    .then().statusCode(200);

            // While the server holds the store, user commands go through its admin socket.
            CliResult whileRunning = mailkeep.cli("gina's password\n", "user", "add", "gina@example.test", "--password-stdin");
            assertEquals(0, whileRunning.exitCode(), whileRunning.stderr());
            assertThat(whileRunning.stdout(), containsString("created gina@example.test"));
            new Jmap(mailkeep.baseUrl(), "gina@example.test", "gina's password").request().get("/jmap/session")
                    .then().statusCode(200);
            CliResult refused = mailkeep.cli("x\n", "user", "passwd", "gina@example.test", "--password-stdin");
            assertEquals(1, refused.exitCode());
            assertThat(refused.stderr(), containsString("at least 8 characters"));
            CliResult list = mailkeep.cli(null, "user", "list");
            assertEquals(List.of("frank@example.test", "gina@example.test"), list.stdout().lines().toList());

            CliResult reindex = mailkeep.cli(null, "reindex");
            assertEquals(1, reindex.exitCode());
            assertThat(reindex.stderr(), containsString("in use by a running Mailkeep server; stop it, then run reindex"));

            // Nothing the server logged at start is a warning (JVM flags, libraries, configuration).
            assertThat(mailkeep.log(), not(containsString("WARN")));
        }
    }

    @Test
    void unknownKeysAndBadValuesStopTheServerNamingTheKey() throws Exception {
        Path config = work.resolve("bad.toml");
        Files.writeString(config, "[smtp]\nprot = 25\n");
        CliResult typo = CliResult.run(null, MailkeepProcess.javaCommand(
                "serve", "--config", config.toString(), "--data", work.resolve("data").toString()));
        assertNotEquals(0, typo.exitCode());
        assertThat(typo.stderr(), containsString("smtp.prot: unknown configuration key"));

        Files.writeString(config, "[jmap]\nport = 70000\n");
        CliResult range = CliResult.run(null, MailkeepProcess.javaCommand(
                "serve", "--config", config.toString(), "--data", work.resolve("data").toString()));
        assertNotEquals(0, range.exitCode());
        assertThat(range.stderr(), containsString("jmap.port: 70000 is out of range 0..65535"));

        Files.writeString(config, "domains = [\"not a domain\"]\n");
        CliResult domain = CliResult.run(null, MailkeepProcess.javaCommand(
                "user", "list", "--config", config.toString(), "--data", work.resolve("data").toString()));
        assertNotEquals(0, domain.exitCode());
        assertThat(domain.stderr(), containsString("domains[0]: \"not a domain\" is not a valid domain name"));
    }

    @Test
    void helpAndVersion() throws Exception {
        CliResult help = CliResult.run(null, MailkeepProcess.javaCommand("--help"));
        assertEquals(0, help.exitCode());
        assertThat(help.stdout(), containsString("serve"));
        assertThat(help.stdout(), containsString("user"));
        CliResult version = CliResult.run(null, MailkeepProcess.javaCommand("--version"));
        assertEquals(0, version.exitCode());
        assertThat(version.stdout(), org.hamcrest.Matchers.matchesPattern("mailkeep \\d+\\.\\d+\\.\\d+\\S*\\R"));
        CliResult userHelp = CliResult.run(null, MailkeepProcess.javaCommand("user", "add", "--help"));
        assertThat(userHelp.stdout(), containsString("--password-stdin"));
        assertThat(userHelp.stdout(), containsString("--config"));
        assertThat(userHelp.stdout(), containsString("--data"));
    }
}
