package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One version for the build, the API and the browser package, and the changelog's newest entry names it: a release
 * cannot ship with the three apart or undocumented.
 */
class ReleaseVersionTest {
    @Test
    void theBuildTheApiThePackageAndTheChangelogNameTheSameVersion() throws Exception {
        String build = first("pom.xml", "<artifactId>herald</artifactId>\\s*<version>([^<]+)</version>");
        assertThat(build).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(first(
                        "src/main/resources/META-INF/openapi.yaml",
                        "(?m)^info:\\s*\\n\\s*title: .*\\n\\s*version: (\\S+)"))
                .isEqualTo(build);
        assertThat(first("clients/js/package.json", "\"version\": \"([^\"]+)\""))
                .isEqualTo(build);
        assertThat(first("CHANGELOG.md", "(?m)^## (\\S+):")).isEqualTo(build);
        assertThat(first("docs/api/openapi.json", "\"version\": \"([^\"]+)\"")).isEqualTo(build);
        assertThat(Path.of("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");
    }

    private static String first(String file, String regex) throws Exception {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        assertThat(matcher.find()).as(regex + " in " + file).isTrue();
        return matcher.group(1);
    }
}
