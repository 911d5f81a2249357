package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.kms.CredentialsSource;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Reads secrets from a {@code <server>} of {@code settings.xml}, decrypting passwords encrypted
 * the Maven way ({@code mvn --encrypt-password}) through Maven's {@link SettingsDecrypter}.
 * Maven never prints these values, not even under {@code -X}; this class never puts one into a
 * message either (decryption errors are shown with the cipher text elided).
 */
final class MavenSettingsServerCredentials {
    private final Settings settings;
    private final SettingsDecrypter decrypter;

    /**
     * @param session the build session (its settings); may be {@code null} in tests, then no
     *     server exists
     * @param decrypter Maven's decrypter
     */
    MavenSettingsServerCredentials(MavenSession session, SettingsDecrypter decrypter) {
        this.settings = session == null ? null : session.getSettings();
        this.decrypter = decrypter;
    }

    /**
     * AWS credentials from a server: username = access key id, password = secret access key,
     * optional passphrase = session token.
     *
     * @param serverId the server's id
     * @param parameter the parameter that named the server, for messages (e.g. {@code serverId})
     * @return explicit credentials described as {@code settings.xml server '<id>'}
     * @throws InvalidInputException if the server is missing, cannot be decrypted or lacks the
     *     username or password
     */
    CredentialsSource awsCredentials(String serverId, String parameter) {
        Server server = decrypted(
                serverId, parameter, "add one with the access key id as <username> and the secret key as <password>");
        if (server.getUsername() == null || server.getPassword() == null) {
            throw new InvalidInputException(
                    parameter,
                    "server '" + serverId + "' needs <username> (access key id) and <password> (secret access key)");
        }
        String token = server.getPassphrase() == null || server.getPassphrase().isBlank()
                ? null
                : server.getPassphrase().trim();
        return CredentialsSource.explicit(
                "settings.xml server '" + serverId + "'", server.getUsername(), server.getPassword(), token);
    }

    /**
     * The decrypted password of a server, for secrets such as a node's API key.
     *
     * @param serverId the server's id
     * @param parameter the parameter that named the server, for messages (e.g. {@code rpcUrl})
     * @return the password, decrypted, never blank
     * @throws InvalidInputException if the server is missing, cannot be decrypted or has no
     *     password
     */
    String password(String serverId, String parameter) {
        Server server = decrypted(serverId, parameter, "add one with the API key as <password>");
        if (server.getPassword() == null || server.getPassword().isBlank()) {
            throw new InvalidInputException(
                    parameter, "server '" + serverId + "' in settings.xml has no <password>; put the API key there");
        }
        return server.getPassword().trim();
    }

    private Server decrypted(String serverId, String parameter, String howToAdd) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new InvalidInputException(
                    parameter, "no <server> with id '" + serverId + "' in settings.xml; " + howToAdd);
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new InvalidInputException(
                        parameter,
                        "the password of server '" + serverId
                                + "' could not be decrypted ("
                                + problem.getMessage().replaceAll("\\{.*\\}", "{…}")
                                + "); check settings-security.xml");
            }
        }
        return result.getServer();
    }
}
