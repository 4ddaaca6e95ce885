using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Broker
{
    /// <summary>The broker options the board apps build from their BoardConfig budget constants.</summary>
    public static class Budgets
    {
        /// <summary>boards/esp32-devkitc: 12 clients, 64 subscriptions, 32 retained messages.</summary>
        /// <summary>The smallest broker: constructed once before a measurement to pay the runtime's one-time type set-up.</summary>
        public static BrokerOptions Tiny()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 1;
            o.MaxSubscriptions = 1;
            o.MaxMessages = 1;
            o.MaxRetained = 0;
            return o;
        }

        public static BrokerOptions DevKitC()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 12;
            o.MaxSessions = 12;
            o.MaxSubscriptions = 64;
            o.MaxPacketSize = 1024;
            o.MaxInflight = 4;
            o.MaxQueued = 8;
            o.MaxRetained = 32;
            o.MaxRetainedBytes = 3072;
            o.MessagePoolBytes = 2048;
            o.LargePacketBuffers = 1;
            o.SysIntervalMs = 30000;
            return o;
        }

        /// <summary>boards/esp32-sn-gateway: the broker share of the radio gateway.</summary>
        public static BrokerOptions SnGateway()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 12;
            o.MaxSessions = 12;
            o.MaxSubscriptions = 48;
            o.MaxPacketSize = 512;
            o.MaxInflight = 2;
            o.MaxQueued = 8;
            o.MaxRetained = 16;
            o.MaxRetainedBytes = 2048;
            o.MessagePoolBytes = 2048;
            o.LargePacketBuffers = 1;
            return o;
        }

        /// <summary>boards/esp32-sn-gateway: the MQTT-SN gateway over an XBee (84-byte payloads).</summary>
        public static SnGatewayOptions SnGatewayRadio()
        {
            SnGatewayOptions o = new SnGatewayOptions();
            o.GatewayId = 1;
            o.MaxClients = 8;
            o.MaxLinks = 1;
            o.MaxRegisteredTopicsPerClient = 4;
            o.MaxBufferedWhileAsleep = 4;
            o.MaxPayload = 84;
            o.MaxDatagramSize = 84;
            o.MaxBrokerPacketSize = 512;
            o.AdvertiseIntervalMs = 900000;
            o.RetryIntervalMs = 10000;
            return o;
        }
    }
}
