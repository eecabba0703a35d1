package dev.herald.preference.control;

import dev.herald.preference.entity.Channel;
import java.util.Map;
import java.util.Set;

/** What the catalog says about channels; the event catalog knows it. */
public interface ChannelDefaults {
    /** Every category, with the channels its types are sent on (on unless the user turns them off). */
    Map<String, Set<Channel>> categoryChannels();

    /** The channels a type is sent on. */
    Set<Channel> channelsOf(String type);
}
