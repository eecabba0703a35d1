package dev.herald.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for a TLS broker, made with the JDK's keytool as a deployer would, each in a PKCS12 file: the broker's
 * self-signed certificate for 127.0.0.1 and a trust store holding it; for mutual TLS, Herald's client certificate
 * and the broker's trust store holding that; and a stranger's certificate in a trust store and a key store of their
 * own (a trust store that does not hold the broker's certificate; a client certificate the broker does not trust).
 */
public record KafkaTls(
        Path keyStore,
        Path trustStore,
        Path clientKeyStore,
        Path brokerTrustStore,
        Path strangerTrustStore,
        Path strangerKeyStore) {
    public static final String PASSWORD = "broker-secret";
    public static final String TRUST_PASSWORD = "trust-secret";

    public static KafkaTls generate(Path dir) throws IOException, InterruptedException {
        Stack.deleteTree(dir);
        Files.createDirectories(dir);
        KafkaTls tls = new KafkaTls(
                dir.resolve("broker.p12"),
                dir.resolve("truststore.p12"),
                dir.resolve("herald-client.p12"),
                dir.resolve("broker-truststore.p12"),
                dir.resolve("stranger-truststore.p12"),
                dir.resolve("stranger-client.p12"));
        keyPair(tls.keyStore(), "broker", "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
        trust(tls.keyStore(), "broker", dir.resolve("broker.pem"), tls.trustStore());
        keyPair(tls.clientKeyStore(), "herald", "CN=herald", null);
        trust(tls.clientKeyStore(), "herald", dir.resolve("herald.pem"), tls.brokerTrustStore());
        keyPair(tls.strangerKeyStore(), "stranger", "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
        trust(tls.strangerKeyStore(), "stranger", dir.resolve("stranger.pem"), tls.strangerTrustStore());
        return tls;
    }

    private static void keyPair(Path keyStore, String alias, String name, String extension)
            throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                name));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        args.addAll(List.of(
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        keytool(args.toArray(String[]::new));
    }

    /** Exports the certificate of {@code alias} and imports it into {@code trustStore}. */
    private static void trust(Path keyStore, String alias, Path pem, Path trustStore)
            throws IOException, InterruptedException {
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-file",
                pem.toString(),
                "-keystore",
                trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                TRUST_PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
