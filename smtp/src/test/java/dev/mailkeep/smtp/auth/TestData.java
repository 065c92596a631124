// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared conformance vectors, found only through the {@code mailkeep.testdata} system property the build sets. */
public final class TestData {
    private TestData() {}

    public static Path root() {
        String dir = System.getProperty("mailkeep.testdata");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("system property mailkeep.testdata must name the test vector folder, was " + dir);
        }
        return Path.of(dir);
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing test vector " + p);
        }
        return p;
    }
}
