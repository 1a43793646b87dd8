package vn.baochay.account;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure the token keys exist before the first login: in dev, demo and test a missing pair is
 * generated once and kept (so tokens survive restarts, and instances on one machine share it); in
 * production a missing key stops the start with a clear message.
 */
class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    void ensure(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, AuthConfig config,
                @ConfigProperty(name = "smallrye.jwt.sign.key.location") String privateKey,
                @ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKey)
            throws IOException, NoSuchAlgorithmException {
        Path privatePath = Path.of(strip(privateKey));
        Path publicPath = Path.of(strip(publicKey));
        if (Files.isReadable(privatePath) && Files.isReadable(publicPath)) {
            return;
        }
        if (!config.generateKeys()) {
            throw new IllegalStateException("Token signing keys not found at " + privatePath + " and " + publicPath
                    + ": set smallrye.jwt.sign.key.location and mp.jwt.verify.publickey.location to an RSA key pair (PEM)");
        }
        generate(privatePath, publicPath);
    }

    private static synchronized void generate(Path privatePath, Path publicPath)
            throws IOException, NoSuchAlgorithmException {
        Path dir = privatePath.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.createDirectories(publicPath.toAbsolutePath().getParent());
        // Two instances starting together on one machine: one generates, the other then finds the pair.
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve(".generate.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            if (Files.isReadable(privatePath) && Files.isReadable(publicPath)) {
                return;
            }
            generatePair(privatePath, publicPath);
        }
    }

    private static void generatePair(Path privatePath, Path publicPath) throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // Written to temporary files and moved into place: a reader sees no key or a whole one.
        write(publicPath, "PUBLIC KEY", pair.getPublic().getEncoded());
        write(privatePath, "PRIVATE KEY", pair.getPrivate().getEncoded());
        LOG.warnf("Generated a new token signing key pair at %s (not for production)", privatePath.getParent());
    }

    private static void write(Path target, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".key", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions are what protect the key
        }
        Files.writeString(temp, pem);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String strip(String location) {
        return location.startsWith("file:") ? location.substring("file:".length()) : location;
    }
}
