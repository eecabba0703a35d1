package dev.herald.channel.control;

import dev.herald.inbox.entity.Notification;
import java.util.Optional;

/**
 * A type's own words for a channel's message, rendered for one notification in its locale at send time (so an
 * aggregate's email or push says what the inbox says now); the event catalog knows them. Fields: {@code email.subject},
 * {@code email.body}, {@code email.button}, {@code push.title}, {@code push.body}, {@code sms}. Empty when the type has
 * none for the field in that language: the channel then uses the notification's title and body.
 */
public interface ChannelTexts {
    Optional<String> text(Notification n, String field);
}
