namespace Nano.Mqtt.Persistence
{
    /// <summary>What a record of the broker's log says; s is a session slot, m a message-pool slot of the writing broker.</summary>
    public enum RecordKind
    {
        /// <summary>A persistent session (CleanSession=0) was created: s, client identifier.</summary>
        SessionOpened = 1,

        /// <summary>The session ended (clean CONNECT, eviction, expiry): s.</summary>
        SessionEnded = 2,

        /// <summary>A subscription was added or its QoS replaced: s, QoS, filter.</summary>
        Subscribed = 3,

        /// <summary>A subscription was removed: s, filter.</summary>
        Unsubscribed = 4,

        /// <summary>A message body, referred to by later records until slot m holds another: m, QoS, topic length, topic, payload.</summary>
        Message = 5,

        /// <summary>Message m was queued for the session at a QoS: s, m, QoS.</summary>
        Queued = 6,

        /// <summary>The oldest queue entry of message m left the queue (sent or dropped): s, m.</summary>
        Unqueued = 7,

        /// <summary>A QoS 1/2 PUBLISH entered the inflight window: s, m (-1 once released), packet id, QoS and retain bits.</summary>
        Sent = 8,

        /// <summary>PUBREC received for an outgoing QoS 2 message: only PUBREL remains to send: s, packet id.</summary>
        Released = 9,

        /// <summary>PUBACK or PUBCOMP received, or the entry was dropped after its retries: s, packet id.</summary>
        Completed = 10,

        /// <summary>An incoming QoS 2 PUBLISH was received and PUBREC is due; PUBREL is awaited: s, packet id.</summary>
        AwaitingRelease = 11,

        /// <summary>PUBREL received for an incoming QoS 2 message: s, packet id.</summary>
        ReleaseReceived = 12,

        /// <summary>A retained message was stored (payload not empty) or removed (empty): QoS, topic length, topic, payload.</summary>
        Retained = 13,
    }
}
