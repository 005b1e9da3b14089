package com.frameworkadvisor.slack.listen;

import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.model.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Events API listeners that handle each event once. Slack redelivers an event ({@code X-Slack-Retry-Num}) when it
 * thinks the ack was late or lost; the first delivery records the event's id in the database, so a redelivery, to
 * this instance or another, after a restart too, is acked and nothing more. A redelivery of an event whose first
 * delivery never arrived is handled. With the database down, an event is handled (each handler here is harmless
 * to repeat) rather than dropped.
 */
public final class OnceEvents {
    private static final Logger log = LoggerFactory.getLogger(OnceEvents.class);

    private final DeliveryStore store;
    private final Clock clock;

    public OnceEvents(DeliveryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code handler}, run only for the first delivery of each event. */
    public <E extends Event> BoltEventHandler<E> once(BoltEventHandler<E> handler) {
        return (payload, ctx) -> {
            String eventId = payload.getEventId();
            if (eventId == null || eventId.isBlank() || eventId.length() > 64) {
                return handler.apply(payload, ctx);
            }
            String type = payload.getEvent() == null ? "unknown" : payload.getEvent().getType();
            try {
                if (!store.firstTimeSeen(eventId, SlackPayloadParts.workspace(payload.getTeamId()), type,
                        clock.instant())) {
                    log.info("event_redelivery_ignored event_id={} type={} retry_num={}", eventId, type,
                            ctx.getRetryNum());
                    return ctx.ack();
                }
            } catch (StoreUnavailableException e) {
                log.warn("event_not_recorded event_id={} type={} problem=\"{}\"", eventId, type, e.getMessage());
            }
            return handler.apply(payload, ctx);
        };
    }
}
