// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * {@code DATA/run/listeners.json}: what a running server bound, for tests and scripts, e.g.
 * {@code {"smtp": {"address": "127.0.0.1", "port": 2525, "tls": true, "url": "smtp://127.0.0.1:2525"}}}.
 * Written atomically once every listener is up, removed when the server stops.
 */
final class ListenersFile {
    private ListenersFile() {}

    static void write(Path file, Collection<BoundListener> listeners) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        for (BoundListener listener : listeners) {
            ObjectNode node = root.putObject(listener.name());
            node.put("address", listener.address().getAddress().getHostAddress());
            node.put("port", listener.address().getPort());
            node.put("tls", listener.tls());
            node.put("url", listener.url());
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
