using System.Collections;
using Nano.Mqtt.Client;

namespace Nano.Mqtt.Bridge
{
    /// <summary>
    /// One bridge (Mosquitto's <c>connection</c> block): its topic lines, the remote client's settings and the
    /// local side's identity. The <see cref="BridgeEngine"/> sizes every buffer from these once, in its constructor.
    /// </summary>
    public sealed class BridgeOptions
    {
        private readonly ArrayList _topics = new ArrayList();

        /// <summary>Creates a bridge named <paramref name="name"/>; the remote client id defaults to the name.</summary>
        public BridgeOptions(string name)
        {
            Name = name;
            Remote.ClientId = name;
        }

        /// <summary>The connection name (used in the notification topic and the logs).</summary>
        public string Name { get; }

        /// <summary>
        /// The client towards the remote broker: client id (<c>remote_clientid</c>), <c>cleansession</c>,
        /// <c>keepalive_interval</c>, <c>remote_username</c>/<c>remote_password</c>, protocol level, reconnect
        /// backoff (<c>restart_timeout</c>), largest packet, and the queue budget for messages waiting for the remote
        /// (<see cref="MqttClientOptions.InflightWindow"/> + <see cref="MqttClientOptions.MaxQueued"/>). The bridge
        /// sets its Will, bridge flag and subscription capacity.
        /// </summary>
        public MqttClientOptions Remote { get; } = new MqttClientOptions();

        /// <summary>Client id of the bridge on the local broker (<c>local_clientid</c>); null = "local." + the remote client id.</summary>
        public string LocalClientId;

        /// <summary>User name on the local broker (<c>local_username</c>), or null for none.</summary>
        public string LocalUserName;

        /// <summary>Password on the local broker (<c>local_password</c>), or null for none.</summary>
        public string LocalPassword;

        /// <summary>Announce the bridge to the remote broker with 0x80 in the CONNECT level byte (<c>try_private</c>).</summary>
        public bool TryPrivate = true;

        /// <summary>Publish the connection state "1"/"0" retained, locally and on the remote, the "0" on the remote
        /// as the Will (<c>notifications</c>).</summary>
        public bool Notifications = true;

        /// <summary>Topic of the state notifications; null = <c>$SYS/broker/connection/&lt;name&gt;/state</c>.</summary>
        public string NotificationTopic;

        /// <summary>Interval of the counters published retained under <c>$SYS/broker/connection/&lt;name&gt;/</c> on the
        /// local broker (<c>messages/out</c>, <c>messages/in</c>, <c>messages/queued</c>, <c>messages/dropped</c>); 0 = off.</summary>
        public int SysIntervalMs;

        /// <summary>When the remote connection starts (<c>start_type</c>).</summary>
        public BridgeStartType StartType = BridgeStartType.Automatic;

        /// <summary>The topic lines, in the order given.</summary>
        public int TopicCount => _topics.Count;

        /// <summary>Topic line <paramref name="i"/>.</summary>
        public BridgeTopic Topic(int i) => (BridgeTopic)_topics[i];

        /// <summary>Adds a topic line (see <see cref="BridgeTopic.Create"/>).</summary>
        public void AddTopic(BridgeTopic topic)
        {
            _topics.Add(topic);
        }

        /// <summary>The notification topic in use.</summary>
        public string StateTopic => NotificationTopic != null ? NotificationTopic : "$SYS/broker/connection/" + Name + "/state";
    }
}
