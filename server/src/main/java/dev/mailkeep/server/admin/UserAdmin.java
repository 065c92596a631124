// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

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

    @Override
    void close();
}
