package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.BrowserScript;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The npm package under clients/js packs (npm pack, into target/npm) with exactly its scripts, declarations and
 * README, and its TypeScript declarations hold for an application's code (tsc --strict on
 * src/test/browser/types/usage.ts). Needs node and {@code npm ci --prefix src/test/browser}, as the browser tests do.
 */
class ClientPackageIT {
    @Test
    void thePackagePacksItsFilesAndItsDeclarationsTypeCheck() throws Exception {
        Path destination = Path.of("target/npm").toAbsolutePath();
        Files.createDirectories(destination);
        String packed =
                run(Path.of("clients/js"), "npm", "pack", "--json", "--pack-destination", destination.toString());
        JsonObject tarball = Json.createReader(new StringReader(packed.substring(packed.indexOf('['))))
                .readArray()
                .getJsonObject(0);
        assertThat(tarball.getString("name")).isEqualTo("herald-notify");
        assertThat(tarball.getJsonArray("files").stream()
                        .map(file -> ((JsonObject) file).getString("path"))
                        .toList())
                .containsExactlyInAnyOrder(
                        "package.json",
                        "README.md",
                        "herald-client.js",
                        "herald-client.d.ts",
                        "herald-elements.js",
                        "herald-elements.d.ts",
                        "herald-sw.js");
        assertThat(destination.resolve(((JsonString) tarball.get("filename")).getString()))
                .isNotEmptyFile();

        run(BrowserScript.BROWSER_TESTS, "node_modules/.bin/tsc", "-p", "types/tsconfig.json");
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }
}
