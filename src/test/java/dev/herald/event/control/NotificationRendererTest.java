package dev.herald.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.entity.AcceptedEvent;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.Violation;
import dev.herald.inbox.entity.Aggregation;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationRendererTest {
    static Catalog catalog;
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> NAMES = List.of("Ana", "Ben", "Chen", "Dana", "Emil", "Fatou", "Gus");

    @BeforeAll
    static void loadBuiltInCatalog() {
        catalog = CatalogReaderTest.builtIn();
    }

    static List<Notification> render(String json, Map<String, String> locales) throws InvalidEventException {
        CloudEvent event = EventParser.parse(json);
        EventType type = catalog.type(event.type()).orElseThrow();
        List<Violation> violations = type.schema().check(event.data());
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return NotificationRenderer.render(
                catalog, new AcceptedEvent(event, type, type.recipients().resolve(event)), locales, NOW);
    }

    static Notification like(String locale) throws InvalidEventException {
        return render(
                        """
                        {"specversion":"1.0","id":"e1","source":"/posts","type":"post.liked","subject":"bob",
                         "data":{"actor":{"id":"u-ana","name":"Ana"},"post":{"id":"p1","title":"Hello"}}}""",
                        locale == null ? Map.of() : Map.of("bob", locale))
                .get(0);
    }

    static List<JsonObject> actors(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("id", "u" + i)
                        .add("name", NAMES.get(i))
                        .build())
                .toList();
    }

    /** What an aggregate of {@code total} distinct actors, naming at most the rule's number, reads. */
    static String aggregateTitle(String locale, int total) throws InvalidEventException {
        Aggregation aggregation = like(locale).grouping().candidate().orElseThrow();
        return aggregation
                .wording()
                .render(actors(Math.min(total, aggregation.maxActors())), total)
                .title();
    }

    @Test
    void rendersOneNotificationPerRecipientWithoutTheRecipientList() throws Exception {
        List<Notification> notifications = render(
                """
                {"specversion":"1.0","id":"e1","source":"/a","type":"achievement.unlocked",
                 "data":{"achievement":{"name":"Early bird","description":"Up at 6"},"recipients":["bob","carol"]}}""",
                Map.of());
        assertThat(notifications).extracting(Notification::recipient).containsExactly("bob", "carol");
        Notification first = notifications.get(0);
        assertThat(first.title()).isEqualTo("Achievement unlocked: Early bird");
        assertThat(first.body()).isEqualTo("Up at 6");
        assertThat(first.payload().dataText()).doesNotContain("recipients").contains("Early bird");
        assertThat(first.createdAt()).isEqualTo(NOW);
        assertThat(first.eventKey().eventId()).isEqualTo("e1");
        assertThat(first.locale()).isEqualTo("en");
        assertThat(first.grouping().candidate()).isEmpty();
    }

    @Test
    void aLikeNamesItsActorAndCarriesItsAggregation() throws Exception {
        Notification n = like(null);
        assertThat(n.title()).isEqualTo("Ana liked your post");
        assertThat(n.payload().actorsText()).isEqualTo("[{\"id\":\"u-ana\",\"name\":\"Ana\"}]");
        Aggregation aggregation = n.grouping().candidate().orElseThrow();
        assertThat(aggregation.groupKey()).isEqualTo("p1");
        assertThat(aggregation.actorId()).isEqualTo("u-ana");
        assertThat(aggregation.occurredAt()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "{0} with {1} actors: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en|1|Ana liked your post",
                "en|2|Ana and Ben liked your post",
                "en|3|Ana, Ben and Chen liked your post",
                "en|4|Ana, Ben, Chen and 1 other liked your post",
                "en|7|Ana, Ben, Chen and 4 others liked your post",
                "de|1|Ana hat deinen Beitrag mit „Gefällt mir“ markiert",
                "de|3|Ana, Ben und Chen haben deinen Beitrag mit „Gefällt mir“ markiert",
                "de|4|Ana, Ben, Chen und 1 weitere Person haben deinen Beitrag mit „Gefällt mir“ markiert",
                "de|7|Ana, Ben, Chen und 4 weitere Personen haben deinen Beitrag mit „Gefällt mir“ markiert",
                "pl|1|Ana polubił(a) Twój post",
                "pl|2|Ana i Ben polubili Twój post",
                "pl|4|Ana, Ben, Chen i 1 inna osoba polubili Twój post",
                "pl|5|Ana, Ben, Chen i 2 inne osoby polubili Twój post",
                "pl|8|Ana, Ben, Chen i 5 innych osób polubili Twój post",
                "pl|25|Ana, Ben, Chen i 22 inne osoby polubili Twój post",
            })
    void aggregatesReadNaturallyInEveryLanguage(String locale, int total, String title) throws Exception {
        assertThat(aggregateTitle(locale, total)).isEqualTo(title);
    }

    @Test
    void eachRecipientReadsTheirOwnLocaleAndUnknownOnesFallBack() throws Exception {
        List<Notification> notifications = render(
                """
                {"specversion":"1.0","id":"e1","source":"/a","type":"achievement.unlocked","subject":"bob",
                 "data":{"achievement":{"name":"Early bird","description":"Up at 6"},
                         "recipients":["dora","erin","fay"]}}""",
                Map.of("dora", "de-AT", "erin", "pl", "fay", "fr"));
        assertThat(notifications).extracting(Notification::recipient).containsExactly("bob", "dora", "erin", "fay");
        assertThat(notifications).extracting(Notification::locale).containsExactly("en", "de", "pl", "en");
        assertThat(notifications.get(0).title()).isEqualTo("Achievement unlocked: Early bird");
        assertThat(notifications.get(3).title()).isEqualTo("Achievement unlocked: Early bird");
        assertThat(notifications.get(1).title())
                .contains("Early bird")
                .isNotEqualTo(notifications.get(0).title());
        assertThat(notifications.get(2).title())
                .contains("Early bird")
                .isNotEqualTo(notifications.get(0).title())
                .isNotEqualTo(notifications.get(1).title());
    }

    @Test
    void pluralsFollowEachLanguagesRules() throws Exception {
        for (int points : new int[] {1, 2, 5, 22}) {
            String json =
                    """
                    {"specversion":"1.0","id":"e%d","source":"/m","type":"mission.completed","subject":"bob",
                     "data":{"mission":{"name":"M","points":%d}}}"""
                            .formatted(points, points);
            String en = render(json, Map.of()).get(0).body();
            String pl = render(json, Map.of("bob", "pl")).get(0).body();
            assertThat(en).isEqualTo(points == 1 ? "You earned 1 point." : "You earned " + points + " points.");
            assertThat(pl).contains(String.valueOf(points));
            if (points == 2 || points == 22) {
                assertThat(pl).as("Polish few").contains("punkty");
            } else if (points == 5) {
                assertThat(pl).as("Polish many").contains("punktów");
            } else {
                assertThat(pl).as("Polish one").contains("punkt").doesNotContain("punkty", "punktów");
            }
        }
    }

    @Test
    void dataIsShownAsTextAndNeverInterpreted() throws Exception {
        List<Notification> n = render(
                """
                {"specversion":"1.0","id":"e1","source":"/x","type":"notification.created","subject":"bob",
                 "data":{"title":"<img src=x onerror=alert(1)>","body":"{actors} & {{braces}}"}}""",
                Map.of());
        assertThat(n.get(0).title()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(n.get(0).body()).isEqualTo("{actors} & {{braces}}");
    }

    @Test
    void schemaProblemsPointIntoTheEvent() {
        assertThatThrownBy(() -> render(
                        """
                        {"specversion":"1.0","id":"e1","source":"/m","type":"mission.completed","subject":"bob",
                         "data":{"mission":{"name":"Onboarding","points":"many"}}}""",
                        Map.of()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer)
                        .containsExactly("/data/mission/points"));
        assertThatThrownBy(() -> render(
                        """
                        {"specversion":"1.0","id":"e1","source":"/m","type":"post.liked","subject":"bob",
                         "data":{"actor":{"name":"Ana"},"post":{"title":"Hello"}}}""",
                        Map.of()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer)
                        .containsExactly("/data/actor/id", "/data/post/id"));
    }

    @Test
    void systemErrorsGoToTheCatalogsAdmins() throws Exception {
        List<Notification> n = render(
                """
                {"specversion":"1.0","id":"e1","source":"/ops","type":"system.error",
                 "data":{"service":"billing","error":{"message":"database unreachable"}}}""",
                Map.of());
        assertThat(n).isNotEmpty();
        assertThat(n).extracting(Notification::recipient).contains("admin");
        assertThat(n.get(0).handling().priority()).isEqualTo("critical");
    }
}
