package dev.herald.inbox.control;

import dev.herald.inbox.entity.Notification;
import java.util.List;

/**
 * Tells notifications how far their deliveries got on each channel besides the inbox ({@code
 * handling().reportChannels}), for the REST view. Implemented by the channel machinery, which depends on the inbox, not
 * the other way round.
 */
public interface ChannelReports {
    void report(String user, List<Notification> notifications);
}
