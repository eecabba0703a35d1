package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.inbox.boundary.Badges;
import dev.herald.inbox.boundary.BulkResult;
import dev.herald.inbox.boundary.InboxPageView;
import dev.herald.inbox.boundary.Marked;
import dev.herald.inbox.boundary.UnreadCount;
import dev.herald.inbox.control.InboxRetention;
import dev.herald.preference.boundary.SettingsView;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * A response is a record JSON-B writes; its shape is documented in {@code META-INF/openapi.yaml} (Payara's scanner
 * cannot derive one: see docs/decisions/0002). The two must name the same fields, and every field the document calls
 * required must be one the record has.
 */
class ResponseSchemasTest {
    static List<Arguments> documented() {
        return List.of(
                Arguments.of("schemas/InboxPage", InboxPageView.class),
                Arguments.of("schemas/Counts", Badges.class),
                Arguments.of("schemas/Count", Badges.Count.class),
                Arguments.of("schemas/BulkResult", BulkResult.class),
                Arguments.of("schemas/UnreadCount", UnreadCount.class),
                Arguments.of("schemas/Marked", Marked.class),
                Arguments.of("schemas/EventAccepted", dev.herald.event.boundary.Accepted.class),
                Arguments.of("responses/Purged", InboxRetention.Purged.class),
                Arguments.of("schemas/Settings", SettingsView.class));
    }

    @ParameterizedTest
    @MethodSource("documented")
    void theDocumentNamesTheRecordsFields(String where, Class<? extends Record> record) throws Exception {
        Map<String, Object> schema = schema(where);
        Set<String> fields = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        assertThat(properties.keySet()).as(where + " properties").isEqualTo(fields);
        @SuppressWarnings("unchecked")
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        assertThat(fields).as(where + " required").containsAll(required);
    }

    /** A schema of the components: under {@code schemas}, or a response's JSON schema under {@code responses}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String where) throws Exception {
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/META-INF/openapi.yaml"))) {
            document = new Yaml().load(reader);
        }
        String[] path = where.split("/");
        Map<String, Object> node = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) document.get("components")).get(path[0])).get(path[1]);
        if (path[0].equals("responses")) {
            Map<String, Object> content = (Map<String, Object>) node.get("content");
            node = (Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema");
        }
        return node;
    }
}
