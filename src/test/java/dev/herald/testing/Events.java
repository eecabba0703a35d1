package dev.herald.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
        return envelope(id, "post.liked", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add(
                                        "actor",
                                        Json.createObjectBuilder()
                                                .add("id", "u-" + actor)
                                                .add("name", actor))
                                .add(
                                        "post",
                                        Json.createObjectBuilder()
                                                .add("id", "p1")
                                                .add("title", postTitle)))
                .build()
                .toString();
    }

    public static String userFollowed(String id, String recipient, String actor) {
        return envelope(id, "user.followed", recipient)
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("actor", Json.createObjectBuilder().add("name", actor)))
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
