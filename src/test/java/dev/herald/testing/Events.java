package dev.herald.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.UUID;

/** CloudEvents the tests publish. */
public final class Events {
    private Events() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A unique user id, so tests sharing one stack never see each other's notifications. */
    public static String newUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String postLiked(String id, String recipient, String actor, String postTitle) {
        // a post of its own: likes of different posts never gather
        return envelope(id, "post.liked", recipient)
                .add("data", liked(actor, "p-" + id, postTitle))
                .build()
                .toString();
    }

    /**
     * A like of {@code postId} by {@code actor} (id {@code u-<actor>}), at {@code time}: likes of one post within
     * five minutes gather into one notification.
     */
    public static String like(String id, String recipient, String actor, String postId, Instant time) {
        return envelope(id, "post.liked", recipient)
                .add("time", time.toString())
                .add("data", liked(actor, postId, "Post " + postId))
                .build()
                .toString();
    }

    private static JsonObjectBuilder liked(String actor, String postId, String postTitle) {
        return Json.createObjectBuilder()
                .add("actor", Json.createObjectBuilder().add("id", "u-" + actor).add("name", actor))
                .add("post", Json.createObjectBuilder().add("id", postId).add("title", postTitle));
    }

    /** A generic notification whose title is {@code title} (type notification.created: never aggregated). */
    public static String notice(String id, String recipient, String title) {
        return envelope(id, "notification.created", recipient)
                .add("data", Json.createObjectBuilder().add("title", title).add("body", ""))
                .build()
                .toString();
    }

    /** A generic notification whose own priority is critical: it goes through mute and quiet hours. */
    public static String critical(String id, String recipient) {
        return envelope(id, "notification.created", recipient)
                .add("priority", "critical")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("title", "Server on fire")
                                .add("body", ""))
                .build()
                .toString();
    }

    /** A job application's new status (type job.status.updated: in the app, by email, push, SMS and webhook). */
    public static String jobStatus(String id, String recipient, String jobTitle, String status) {
        return envelope(id, "job.status.updated", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add(
                                        "job",
                                        Json.createObjectBuilder()
                                                .add("id", "job-" + id)
                                                .add("title", jobTitle))
                                .add(
                                        "application",
                                        Json.createObjectBuilder()
                                                .add("id", "app-" + id)
                                                .add("status", status)))
                .build()
                .toString();
    }

    /** A reply to the recipient's comment (type comment.replied: its email waits 15 minutes unless read). */
    public static String reply(String id, String recipient, String actor, String text) {
        return envelope(id, "comment.replied", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add(
                                        "actor",
                                        Json.createObjectBuilder()
                                                .add("id", actor)
                                                .add("name", actor))
                                .add(
                                        "reply",
                                        Json.createObjectBuilder()
                                                .add("id", "r-" + id)
                                                .add("text", text)))
                .build()
                .toString();
    }

    /** A streak reminder (type streak.reminder: its email goes at the next 09:00 local unless seen). */
    public static String streakReminder(String id, String recipient, int days) {
        return envelope(id, "streak.reminder", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("streak", Json.createObjectBuilder().add("days", days)))
                .build()
                .toString();
    }

    /** {@code actor} liked comment {@code commentId} (type comment.liked: aggregated, its push and email batched). */
    public static String commentLiked(String id, String recipient, String actor, String commentId) {
        return envelope(id, "comment.liked", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add(
                                        "actor",
                                        Json.createObjectBuilder()
                                                .add("id", actor)
                                                .add("name", actor))
                                .add(
                                        "comment",
                                        Json.createObjectBuilder()
                                                .add("id", commentId)
                                                .add("excerpt", "Tabs, not spaces")))
                .build()
                .toString();
    }

    /** A direct message (type message.received: push first, email after 10 minutes unless seen, SMS if critical). */
    public static String message(String id, String recipient, String sender) {
        return envelope(id, "message.received", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add(
                                        "sender",
                                        Json.createObjectBuilder()
                                                .add("id", "u-" + sender)
                                                .add("name", sender))
                                .add(
                                        "message",
                                        Json.createObjectBuilder()
                                                .add("id", "m-" + id)
                                                .add("preview", "Are you coming?")))
                .build()
                .toString();
    }

    /** The event with its own priority set (a CloudEvents extension attribute). */
    public static String withPriority(String event, String priority) {
        return Json.createObjectBuilder(parse(event))
                .add("priority", priority)
                .build()
                .toString();
    }

    public static JsonObject parse(String json) {
        return Json.createReader(new java.io.StringReader(json)).readObject();
    }

    private static jakarta.json.JsonObjectBuilder envelope(String id, String type, String recipient) {
        return Json.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", "/tests")
                .add("type", type)
                .add("subject", recipient)
                .add("datacontenttype", "application/json");
    }
}
