// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

import dev.mailkeep.store.model.Credential;
import java.util.List;

/**
 * Account administration as the command line offers it. {@link LocalUserAdmin} does it on a store
 * this process opened; {@link AdminClient} asks the running server through its admin socket.
 * Each method returns the lines to print.
 */
public interface UserAdmin extends AutoCloseable {
    List<String> add(String address, char[] password) throws AdminException;

    List<String> passwd(String address, char[] password) throws AdminException;

    List<String> list() throws AdminException;

    /** Creates an app password or bearer token; the last line is its secret, printed only this once. */
    List<String> addCredential(Credential.Kind kind, String address, String label) throws AdminException;

    /** One line per credential of the kind: id, label and creation time, tab-separated. */
    List<String> listCredentials(Credential.Kind kind, String address) throws AdminException;

    List<String> revokeCredential(Credential.Kind kind, String address, String labelOrId) throws AdminException;

    @Override
    void close();
}
