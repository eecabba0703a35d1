package dev.herald.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.inbox.entity.Notification;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationRendererTest {
    static Map<String, EventType> catalog;
    final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @BeforeAll
    static void loadBuiltInCatalog() throws Exception {
        try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(EventCatalog.BUILT_IN)) {
            catalog = EventCatalog.parse(in);
        }
    }

    @Test
    void theBuiltInCatalogHasTheFirstTypes() {
        assertThat(catalog)
                .containsKeys(
                        "listing.created",
                        "post.liked",
                        "post.commented",
                        "user.followed",
                        "mission.completed",
                        "job.applied",
                        "achievement.unlocked",
                        "user.registered");
    }

    @Test
    void rendersOneNotificationPerRecipientWithoutTheRecipientList() throws Exception {
        var event = EventParser.parse(
                """
                {"specversion":"1.0","id":"e1","source":"/posts","type":"post.liked",
                 "data":{"actor":{"id":"u9","name":"Ana"},"post":{"title":"Hello"},"recipients":["bob","carol"]}}""");
        List<Notification> notifications = NotificationRenderer.render(event, catalog.get("post.liked"), now);
        assertThat(notifications).extracting(Notification::recipient).containsExactly("bob", "carol");
        Notification first = notifications.get(0);
        assertThat(first.title()).isEqualTo("Ana liked your post");
        assertThat(first.body()).isEqualTo("“Hello”");
        assertThat(first.category()).isEqualTo("social");
        assertThat(first.data()).doesNotContain("recipients").contains("\"post\"");
        assertThat(first.actors()).isEqualTo("[{\"id\":\"u9\",\"name\":\"Ana\"}]");
        assertThat(first.createdAt()).isEqualTo(now);
        assertThat(first.eventKey().eventId()).isEqualTo("e1");
    }

    @Test
    void dataMissingWhatTheTemplateNeedsIsInvalid() throws Exception {
        var event = EventParser.parse(
                """
                {"specversion":"1.0","id":"e1","source":"/m","type":"mission.completed","subject":"bob",
                 "data":{"mission":{"name":"Onboarding"}}}""");
        assertThatThrownBy(() -> NotificationRenderer.render(event, catalog.get("mission.completed"), now))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("data.mission.points is required");
    }
}
