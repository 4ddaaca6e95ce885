using System.Net;
using Nano.Mqtt.Broker;

namespace Nano.Host
{
    /// <summary>What the PC host is told to do: where to listen, the broker's capacities and who may connect.</summary>
    public sealed class HostOptions
    {
        /// <summary>Mosquitto's default port.</summary>
        public const int DefaultPort = 1883;

        /// <summary>Address to listen on; loopback by default, like Mosquitto 2 without a listener.</summary>
        public IPAddress Bind = IPAddress.Loopback;

        /// <summary>TCP port; 0 picks a free one (read it back from <see cref="BrokerHost.Port"/>).</summary>
        public int Port = DefaultPort;

        /// <summary>Checks CONNECT credentials (e.g. a <see cref="Host.PasswordFile"/>); null = no check.</summary>
        public IAuthenticator Authenticator;

        /// <summary>The engine's capacity record, sized for a PC rather than an ESP32.</summary>
        public BrokerOptions Broker = PcBrokerOptions();

        /// <summary>Capacities for a development PC or a Raspberry Pi gateway; Mosquitto's defaults where it has them.</summary>
        public static BrokerOptions PcBrokerOptions()
        {
            return new BrokerOptions
            {
                MaxConnections = 128,
                MaxSessions = 1024,
                MaxSubscriptions = 4096,
                MaxSubscriptionsPerClient = 64,
                MaxInflight = 20,
                MaxQueued = 1000,
                MaxAwaitingRelease = 20,
                MaxRetained = 1024,
                MaxRetainedBytes = 1 << 20,
                MaxMessages = 1 << 16,
                MessagePoolBytes = 16 << 20,
                MaxPacketSize = 1 << 16,
                InputBufferSize = 1 << 16,
                OutputBufferSize = 1 << 16,
                MaxClientIdLength = 128,
                MaxTopicLength = 256,
                SysIntervalMs = 10000,
            };
        }
    }
}
