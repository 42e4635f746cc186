package dev.codeai.integrations.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The server's local RS256 signing key pair: the public key (X.509 SubjectPublicKeyInfo PEM, what
 * {@code mpJwt} verifies with; by default {@code jwt-public-key.pem} in the server's
 * {@code resources/security}) and beside it {@code jwt-signing-key.pem} (PKCS #8, readable by its owner
 * only). Created once, never overwritten; pure JDK so that {@code codeai token} can use it without the server.
 */
public final class SigningKeys {

    public static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public-key.pem";

    private final Path publicKeyFile;

    public SigningKeys(Path publicKeyFile) {
        this.publicKeyFile = publicKeyFile.toAbsolutePath();
    }

    /** The pair with the default file names in {@code folder}. */
    public static SigningKeys in(Path folder) {
        return new SigningKeys(folder.resolve(PUBLIC_KEY_FILE));
    }

    public Path privateKeyFile() {
        return publicKeyFile.resolveSibling(PRIVATE_KEY_FILE);
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** Creates the pair unless the public key already exists; returns whether it created one. */
    public boolean createIfMissing() {
        if (Files.exists(publicKeyFile())) {
            return false;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(publicKeyFile.getParent());
            // The private key first, so a public key on disk always has its private key beside it.
            write(privateKeyFile(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(publicKeyFile(), pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing keys beside " + publicKeyFile, e);
        }
    }

    /** The private key, for signing tokens. */
    public PrivateKey privateKey() {
        try {
            byte[] der = der(Files.readString(privateKeyFile(), StandardCharsets.US_ASCII), "PRIVATE KEY");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + privateKeyFile(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(privateKeyFile() + " is not a PKCS #8 RSA private key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** Writes through a temporary file (created owner-only) and a rename, so a crash never leaves half a key. */
    private static void write(Path file, String content, boolean ownerOnly) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            if (!ownerOnly && temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
