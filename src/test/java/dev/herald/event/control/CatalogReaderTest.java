package dev.herald.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.util.ULocale;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.EventType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatalogReaderTest {
    static Catalog builtIn() {
        try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(EventCatalog.BUILT_IN)) {
            return CatalogReader.read(in, "catalog.json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Catalog read(String json) {
        return CatalogReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "my-catalog.json");
    }

    /** A one-type catalog with the given type entry. */
    static String oneType(String entry) {
        return """
                {"defaultLocale":"en","locales":{"en":{"others":"{count, plural, one {# other} other {# others}}"}},
                 "types":{"thing.happened":%s}}"""
                .formatted(entry);
    }

    @Test
    void theBuiltInCatalogShipsEveryReferenceType() {
        Catalog catalog = builtIn();
        assertThat(catalog.types())
                .containsKeys(
                        "listing.created",
                        "post.liked",
                        "post.commented",
                        "user.followed",
                        "mission.started",
                        "mission.completed",
                        "mission.failed",
                        "job.applied",
                        "job.status.updated",
                        "achievement.unlocked",
                        "level.up",
                        "xp.earned",
                        "daily.challenge.completed",
                        "daily.challenge.available",
                        "learning.started",
                        "learning.completed",
                        "user.registered",
                        "user.login",
                        "user.logout",
                        "notification.sent",
                        "notification.read",
                        "system.error",
                        "notification.created");
        assertThat(catalog.locales()).contains(ULocale.ENGLISH, ULocale.GERMAN, new ULocale("pl"));
        for (String silent : new String[] {"user.login", "user.logout", "notification.sent", "notification.read"}) {
            assertThat(catalog.types().get(silent).silent()).as(silent).isTrue();
        }
        EventType liked = catalog.types().get("post.liked");
        assertThat(liked.aggregation().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(liked.aggregation().maxActors()).isEqualTo(3);
        assertThat(liked.aggregation().groupBy()).isEqualTo("/post/id");
        assertThat(catalog.types().get("post.commented").aggregation().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(catalog.types().get("post.commented").aggregation().maxActors())
                .isEqualTo(2);
        assertThat(catalog.types().get("user.followed").aggregation().window()).isEqualTo(Duration.ofHours(1));
        assertThat(catalog.types().get("user.followed").aggregation().maxActors())
                .isEqualTo(5);
        assertThat(catalog.types().get("system.error").recipients().sources()).containsExactly("admins");
        assertThat(catalog.types().get("system.error").priority()).isEqualTo("critical");
    }

    @Test
    void aSchemaThatIsNotOneNamesFileTypeAndField() {
        assertThatThrownBy(
                        () -> read(
                                oneType(
                                        "{\"category\":\"c\",\"schema\":{\"type\":\"objekt\"},\"templates\":{\"en\":{\"title\":\"Hi\"}}}")))
                .hasMessageStartingWith("my-catalog.json: types.thing.happened.schema: not a valid JSON Schema")
                .hasMessageContaining("/type");
    }

    @Test
    void aTemplateMayOnlyUseDeclaredFieldsAndATitleOnlyRequiredOnes() {
        String schema = "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\"},"
                + "\"b\":{\"type\":\"string\"}}}";
        assertThatThrownBy(() -> read(oneType(
                        "{\"category\":\"c\",\"schema\":" + schema + ",\"templates\":{\"en\":{\"title\":\"{zzz}\"}}}")))
                .hasMessage("my-catalog.json: types.thing.happened.templates.en.title: uses {zzz}, which the schema"
                        + " does not declare (data fields are named by their path joined with \"_\": {post_title} is"
                        + " data.post.title)");
        assertThatThrownBy(() -> read(oneType(
                        "{\"category\":\"c\",\"schema\":" + schema + ",\"templates\":{\"en\":{\"title\":\"{b}\"}}}")))
                .hasMessageContaining(
                        "types.thing.happened.templates.en.title: uses {b} in a title or subject, so the schema"
                                + " must require it");
        Catalog fine = read(oneType("{\"category\":\"c\",\"schema\":" + schema
                + ",\"templates\":{\"en\":{\"title\":\"{a}\",\"body\":\"{b}\"}}}"));
        assertThat(fine.types()).containsKey("thing.happened");
    }

    @Test
    void otherMistakesAreNamedToo() {
        assertThatThrownBy(() -> read(
                        oneType("{\"category\":\"c\",\"templates\":{\"en\":{\"title\":\"{a, plural, one {x}\"}}}")))
                .hasMessageContaining("types.thing.happened.templates.en.title: not a valid ICU MessageFormat pattern");
        assertThatThrownBy(() -> read(oneType(
                        "{\"category\":\"c\",\"channels\":[\"pigeon\"],\"templates\":{\"en\":{\"title\":\"x\"}}}")))
                .hasMessageContaining("types.thing.happened.channels: unknown channel \"pigeon\"");
        assertThatThrownBy(() -> read(oneType("{\"category\":\"c\",\"templates\":{\"de\":{\"title\":\"x\"}}}")))
                .hasMessageContaining("types.thing.happened.templates.de: de is not among the catalog's locales");
        assertThatThrownBy(() -> read(oneType("{\"templates\":{\"en\":{\"title\":\"x\"}}}")))
                .hasMessageContaining("types.thing.happened.category: is required");
        assertThatThrownBy(() -> read(oneType(
                        "{\"category\":\"c\",\"recipients\":\"admins\",\"templates\":{\"en\":{\"title\":\"x\"}}}")))
                .hasMessageContaining(
                        "types.thing.happened.recipients: recipients names admins, but the catalog lists no admins");
        assertThatThrownBy(
                        () -> read(
                                oneType(
                                        "{\"category\":\"c\",\"aggregation\":{\"window\":\"5 minutes\"},\"templates\":{\"en\":{\"title\":\"x\"}}}")))
                .hasMessageContaining("types.thing.happened.aggregation.window: must be an ISO-8601 duration");
        assertThatThrownBy(() -> read(oneType(
                        "{\"category\":\"c\",\"priority\":\"urgent!\",\"templates\":{\"en\":{\"title\":\"x\"}}}")))
                .hasMessageContaining("types.thing.happened.priority: must be one of low, normal, high, critical");
        assertThatThrownBy(() -> read(oneType("{\"category\":\"c\"}")))
                .hasMessageContaining("types.thing.happened.templates: is required");
    }

    /** A type with in-app, email and push, and the given workflow. */
    private static String withWorkflow(String workflow) {
        return oneType(
                """
                {"category":"social","channels":["in_app","email","push","webhook"],
                 "templates":{"en":{"title":"Something happened"}},"workflow":%s}"""
                        .formatted(workflow));
    }

    @Test
    void aWorkflowDelaysAChannelAndSaysWhatCancelsIt() {
        EventType type = read(withWorkflow(
                        """
                        {"email":{"delay":"PT15M","unless":"read"},
                         "push":{"delay":{"until":"09:00","spread":"PT10M"}}}"""))
                .types()
                .get("thing.happened");
        var email = type.workflow()
                .steps(dev.herald.preference.entity.Channel.EMAIL, false)
                .orElseThrow();
        assertThat(email.delay().duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(email.unless()).isEqualTo(dev.herald.workflow.entity.Unless.READ);
        var push = type.workflow()
                .steps(dev.herald.preference.entity.Channel.PUSH, false)
                .orElseThrow();
        assertThat(push.delay().until()).isEqualTo(java.time.LocalTime.of(9, 0));
        assertThat(push.delay().spread()).isEqualTo(Duration.ofMinutes(10));
        assertThat(push.unless()).isNull();
        assertThat(type.workflow().steps(dev.herald.preference.entity.Channel.EMAIL, true))
                .as("critical skips the steps")
                .isEmpty();
        assertThat(builtIn().types().get("listing.created").workflow().isEmpty())
                .isTrue();
    }

    @Test
    void aMalformedWorkflowIsRefusedNamingFileTypeAndField() {
        String[][] cases = {
            {"{\"sms\":{\"delay\":\"PT1M\"}}", "types.thing.happened.workflow.sms: the type does not use sms"},
            {"{\"fax\":{\"delay\":\"PT1M\"}}", "types.thing.happened.workflow.fax: unknown channel \"fax\""},
            {"{\"in_app\":{\"delay\":\"PT1M\"}}", "types.thing.happened.workflow.in_app: the inbox and webhooks"},
            {"{\"webhook\":{\"delay\":\"PT1M\"}}", "types.thing.happened.workflow.webhook: the inbox and webhooks"},
            {"{\"email\":{\"delay\":\"15 minutes\"}}", "types.thing.happened.workflow.email.delay: must be an ISO-8601"
            },
            {"{\"email\":{\"delay\":\"PT0S\"}}", "types.thing.happened.workflow.email.delay: must be more than zero"},
            {
                "{\"email\":{\"delay\":\"P8D\"}}",
                "types.thing.happened.workflow.email.delay: must be more than zero and at most P7D"
            },
            {
                "{\"email\":{\"delay\":{\"until\":\"9am\"}}}",
                "types.thing.happened.workflow.email.delay.until: must be a local time"
            },
            {
                "{\"email\":{\"delay\":{\"until\":\"09:00\",\"jitter\":\"PT1M\"}}}",
                "types.thing.happened.workflow.email.delay.jitter: unknown field"
            },
            {
                "{\"email\":{\"delay\":42}}",
                "types.thing.happened.workflow.email.delay: must be an ISO-8601 duration such as"
            },
            {
                "{\"email\":{\"delay\":\"PT1M\",\"unless\":\"clicked\"}}",
                "types.thing.happened.workflow.email.unless: must be one of seen, read, archived"
            },
            {"{\"email\":{\"unless\":\"read\"}}", "types.thing.happened.workflow.email.delay: is required"},
            {
                "{\"email\":{\"delay\":\"PT1M\",\"unles\":\"read\"}}",
                "types.thing.happened.workflow.email.unles: unknown step"
            },
            {"{\"email\":\"PT1M\"}", "types.thing.happened.workflow.email: must be an object"},
            {"[]", "types.thing.happened.workflow: must be an object"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> read(withWorkflow(c[0])))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("my-catalog.json: " + c[1]);
        }
        assertThatThrownBy(() -> read(
                        oneType("{\"category\":\"x\",\"silent\":true,\"workflow\":{\"email\":{\"delay\":\"PT1M\"}}}")))
                .hasMessageStartingWith("my-catalog.json: types.thing.happened.workflow: a silent type");
    }

    /** An aggregated type with in-app, email, push and SMS, and the given workflow. */
    private static String aggregatedWithWorkflow(String workflow) {
        return oneType(
                """
                {"category":"social","channels":["in_app","email","push","sms"],
                 "schema":{"type":"object","required":["actor"],"properties":{"actor":{"type":"object",
                  "required":["id"],"properties":{"id":{"type":"string"}}}}},
                 "aggregation":{"window":"PT5M"},
                 "templates":{"en":{"title":"{actors} did something"}},"workflow":%s}"""
                        .formatted(workflow));
    }

    @Test
    void batchesThrottlesAndFallbacksAreRead() {
        var workflow = read(aggregatedWithWorkflow(
                        """
                        {"push":{"batch":{"window":"PT1M","max":"PT5M"},"unless":"seen"},
                         "email":{"batch":{"window":"PT5M"},"throttle":{"max":3,"per":"PT1H"}}}"""))
                .types()
                .get("thing.happened")
                .workflow();
        var push = workflow.channels().get(dev.herald.preference.entity.Channel.PUSH);
        assertThat(push.batch().sliding()).isTrue();
        assertThat(push.waitsFor()).isEqualTo("batch");
        var email = workflow.channels().get(dev.herald.preference.entity.Channel.EMAIL);
        assertThat(email.batch().sliding()).isFalse();
        assertThat(email.throttle().max()).isEqualTo(3);

        var fallback = read(withWorkflow(
                        """
                        {"fallback":[{"channel":"push"},
                                     {"channel":"email","after":"PT10M","priorities":["critical"]}]}"""))
                .types()
                .get("thing.happened")
                .workflow()
                .fallback();
        assertThat(fallback.entries()).hasSize(2);
        assertThat(fallback.entries().get(0).after()).isZero();
        assertThat(fallback.entries().get(0).appliesTo("normal")).isTrue();
        assertThat(fallback.entries().get(1).unless()).isEqualTo(dev.herald.workflow.entity.Unless.SEEN);
        assertThat(fallback.entries().get(1).appliesTo("normal")).isFalse();
        assertThat(fallback.entries().get(1).appliesTo("critical")).isTrue();
    }

    @Test
    void aMalformedBatchThrottleOrFallbackIsRefusedNamingTheField() {
        String[][] aggregated = {
            {
                "{\"email\":{\"batch\":{\"window\":\"PT1M\"}}}",
                "types.thing.happened.workflow.email.batch.window: must be at least the aggregation window PT5M"
            },
            {
                "{\"email\":{\"batch\":{\"window\":\"PT1M\",\"max\":\"PT2M\"}}}",
                "types.thing.happened.workflow.email.batch.max: must be at least the aggregation window"
            },
            {
                "{\"email\":{\"batch\":{\"window\":\"PT10M\",\"max\":\"PT6M\"}}}",
                "types.thing.happened.workflow.email.batch: max must be at least the window"
            },
            {
                "{\"email\":{\"batch\":{\"window\":\"PT5M\",\"mode\":\"x\"}}}",
                "types.thing.happened.workflow.email.batch.mode: unknown field"
            },
            {
                "{\"email\":{\"throttle\":{\"max\":0,\"per\":\"PT1H\"}}}",
                "types.thing.happened.workflow.email.throttle: max must be 1 to 1000"
            },
            {
                "{\"email\":{\"throttle\":{\"max\":\"3\",\"per\":\"PT1H\"}}}",
                "types.thing.happened.workflow.email.throttle.max: must be a whole number"
            },
            {
                "{\"email\":{\"throttle\":{\"max\":3,\"per\":\"P2D\"}}}",
                "types.thing.happened.workflow.email.throttle: per must be PT1M to P1D"
            },
            {
                "{\"email\":{\"throttle\":{\"max\":3,\"per\":\"PT1H\"},\"unless\":\"read\"}}",
                "types.thing.happened.workflow.email.delay: is required with unless"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"}]}",
                "types.thing.happened.workflow.fallback: must be an array of at least two channels"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"},{\"channel\":\"push\",\"after\":\"PT1M\"}]}",
                "types.thing.happened.workflow.fallback[1].channel: push is already in the order"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\",\"after\":\"PT1M\"},{\"channel\":\"email\",\"after\":\"PT2M\"}]}",
                "types.thing.happened.workflow.fallback[0].after: the first channel goes at once"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"},{\"channel\":\"email\"}]}",
                "types.thing.happened.workflow.fallback[1].after: is required"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"},{\"channel\":\"email\",\"after\":\"PT10M\"},{\"channel\":\"sms\",\"after\":\"PT5M\"}]}",
                "types.thing.happened.workflow.fallback[2].after: must be later than the entry before"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"},{\"channel\":\"fax\",\"after\":\"PT1M\"}]}",
                "types.thing.happened.workflow.fallback[1].channel: unknown channel \"fax\""
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"},{\"channel\":\"email\",\"after\":\"PT1M\",\"priorities\":[\"urgent\"]}]}",
                "types.thing.happened.workflow.fallback[1].priorities: \"urgent\" is not one of"
            },
            {
                "{\"fallback\":[{\"channel\":\"push\"},{\"channel\":\"email\",\"after\":\"PT1M\"}],\"email\":{\"delay\":\"PT1M\"}}",
                "types.thing.happened.workflow.email: is in the fallback order"
            },
        };
        for (String[] c : aggregated) {
            assertThatThrownBy(() -> read(aggregatedWithWorkflow(c[0])))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("my-catalog.json: " + c[1]);
        }
        assertThatThrownBy(() -> read(withWorkflow("{\"email\":{\"batch\":{\"window\":\"PT5M\"}}}")))
                .hasMessageStartingWith(
                        "my-catalog.json: types.thing.happened.workflow.email.batch: needs the type's aggregation");
    }

    /** A type whose schema requires post.id and has an optional note, with the given link. */
    private static String withLink(String link) {
        return oneType(
                """
                {"category":"social","schema":{"type":"object","required":["post"],"properties":{
                  "post":{"type":"object","required":["id"],"properties":{"id":{"type":"string"}}},
                  "note":{"type":"string"},"count":{"type":"integer"}}},
                 "templates":{"en":{"title":"Something happened"}},"link":"%s"}"""
                        .formatted(link));
    }

    private static dev.herald.event.entity.Catalog readWithLinks(String json) {
        var rules = new dev.herald.link.entity.LinkRules(
                "https://app.example.com/", origin -> origin.equals("https://shop.example.com"));
        return CatalogReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "my-catalog.json", rules);
    }

    @Test
    void aLinkIsAPathOnTheProductOrAnAllowedOriginWithEncodedArguments() {
        var path = readWithLinks(withLink("/posts/{post_id}")).types().get("thing.happened");
        assertThat(path.linkTemplate().orElseThrow().render(java.util.Map.of("post_id", "p 1/../admin?x=1")))
                .isEqualTo("https://app.example.com/posts/p%201%2F..%2Fadmin%3Fx%3D1");
        var other = readWithLinks(withLink("https://shop.example.com/orders/{post_id}?from=herald"))
                .types()
                .get("thing.happened");
        assertThat(other.linkTemplate().orElseThrow().render(java.util.Map.of("post_id", 12345)))
                .isEqualTo("https://shop.example.com/orders/12345?from=herald");
        assertThat(read(withLink("http://localhost:3000/x")).types())
                .as("http for this machine, on any origin when nothing is listed")
                .isNotEmpty();
        assertThat(read(oneType("{\"category\":\"x\",\"templates\":{\"en\":{\"title\":\"t\"}}}"))
                        .types()
                        .get("thing.happened")
                        .linkTemplate())
                .isEmpty();
    }

    @Test
    void aBadLinkIsRefusedNamingTheField() {
        String[][] cases = {
            {
                "https://evil.example.com/x",
                "types.thing.happened.link: points to https://evil.example.com, which is not among HERALD_LINK_ALLOWED_ORIGINS"
            },
            {
                "https://app.example.com.evil.com/x",
                "types.thing.happened.link: points to https://app.example.com.evil.com"
            },
            {"http://shop.example.com/x", "types.thing.happened.link: must use https"},
            {"https://{post_id}.example.com/x", "types.thing.happened.link: must be a path such as"},
            {"//evil.example.com/x", "types.thing.happened.link: must be a path such as"},
            {"javascript:alert(1)", "types.thing.happened.link: must be a path such as"},
            {"/posts/{note}", "types.thing.happened.link: uses {note}, which the schema must declare and require"},
            {"/posts/{nothing}", "types.thing.happened.link: uses {nothing}"},
            {"/posts/{actors}", "types.thing.happened.link: uses {actors}"},
            {"/posts/{count, number}", "types.thing.happened.link: a link takes simple arguments"},
            {"/posts/'{post_id}'", "types.thing.happened.link: a link takes simple arguments"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> readWithLinks(withLink(c[0])))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("my-catalog.json: " + c[1]);
        }
    }

    /** A type on every channel, whose schema requires who and has an optional note, with the given content. */
    private static String withContent(String content) {
        return oneType(
                """
                {"category":"social","channels":["in_app","email","push","sms"],
                 "schema":{"type":"object","required":["who"],"properties":{"who":{"type":"string"},
                  "note":{"type":"string"}}},
                 "templates":{"en":{"title":"{who} did it"}},"content":%s,
                 "example":{"who":"Ana"}}"""
                        .formatted(content));
    }

    @Test
    void contentGivesEachChannelItsWordsPerLocale() {
        EventType type = read(withContent(
                        """
                        {"en":{"email":{"subject":"{who} did it","body":"{note}","button":"See"},
                               "push":{"title":"{who}"},"sms":"{who}: {note}"}}"""))
                .types()
                .get("thing.happened");
        var english = type.contentFor(ULocale.forLanguageTag("en-GB")).orElseThrow();
        assertThat(english.text("email.subject").orElseThrow().render(java.util.Map.of("who", "Ana")))
                .isEqualTo("Ana did it");
        assertThat(english.text("push.body")).isEmpty();
        assertThat(type.contentFor(ULocale.GERMAN))
                .as("no other language's words")
                .isEmpty();
        assertThat(type.exampleData().orElseThrow().getString("who")).isEqualTo("Ana");
    }

    @Test
    void badContentOrExampleIsRefusedNamingTheField() {
        String[][] cases = {
            {"{\"fr\":{\"sms\":\"x\"}}", "types.thing.happened.content.fr: fr is not among the catalog's locales"},
            {"{\"en\":{\"webhook\":{}}}", "types.thing.happened.content.en.webhook: content is for email, push and sms"
            },
            {
                "{\"en\":{\"email\":{\"subject\":\"{note}\"}}}",
                "types.thing.happened.content.en.email.subject: uses {note} in a title or subject"
            },
            {"{\"en\":{\"email\":{\"title\":\"x\"}}}", "types.thing.happened.content.en.email.title: unknown field"},
            {
                "{\"en\":{\"push\":{\"body\":\"{nope}\"}}}",
                "types.thing.happened.content.en.push.body: uses {nope}, which the schema does not declare"
            },
            {
                "{\"en\":{\"sms\":\"{who, plural, one {x}}\"}}",
                "types.thing.happened.content.en.sms: not a valid ICU MessageFormat pattern"
            },
            {"{\"en\":{\"sms\":{}}}", "types.thing.happened.content.en.sms: must be the message's text"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> read(withContent(c[0])))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("my-catalog.json: " + c[1]);
        }
        assertThatThrownBy(() -> read(oneType(
                        "{\"category\":\"x\",\"channels\":[\"in_app\"],\"templates\":{\"en\":{\"title\":\"t\"}},"
                                + "\"content\":{\"en\":{\"sms\":\"x\"}}}")))
                .hasMessageStartingWith(
                        "my-catalog.json: types.thing.happened.content.en.sms: the type does not use sms");
        assertThatThrownBy(() ->
                        read(withContent("{}").replace("\"example\":{\"who\":\"Ana\"}", "\"example\":{\"who\":1}")))
                .hasMessageStartingWith("my-catalog.json: types.thing.happened.example: does not match the schema");
    }
}
