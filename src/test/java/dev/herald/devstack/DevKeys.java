package dev.herald.devstack;

import dev.herald.devmode.control.Pem;
import dev.herald.devmode.control.TokenSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** A fresh RSA key pair for signing dev and test tokens, written as PEM files for Liberty and dev mode. */
public record DevKeys(KeyPair pair, Path privateKey, Path publicKey) {
    public static final String ISSUER = "herald-dev";
    public static final String AUDIENCE = "herald";

    public static DevKeys generate(Path dir) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Path privateKey = dir.resolve("dev-jwt-private.pem");
            Path publicKey = dir.resolve("dev-jwt-public.pem");
            Files.writeString(
                    privateKey, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(
                    publicKey, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new DevKeys(pair, privateKey, publicKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public TokenSigner signer() {
        return new TokenSigner(pair.getPrivate(), ISSUER, AUDIENCE);
    }
}
