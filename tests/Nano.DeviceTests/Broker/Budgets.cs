using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>The broker options the board apps build from their BoardConfig budget constants.</summary>
    public static class Budgets
    {
        /// <summary>boards/esp32-devkitc: 12 clients, 64 subscriptions, 32 retained messages.</summary>
        public static BrokerOptions DevKitC()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 12;
            o.MaxSessions = 16;
            o.MaxSubscriptions = 64;
            o.MaxPacketSize = 1024;
            o.MaxInflight = 4;
            o.MaxQueued = 16;
            o.MaxRetained = 32;
            o.MaxRetainedBytes = 4096;
            o.SysIntervalMs = 30000;
            return o;
        }

        /// <summary>boards/esp32-sn-gateway: the broker share of the radio gateway.</summary>
        public static BrokerOptions SnGateway()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 12;
            o.MaxSessions = 16;
            o.MaxSubscriptions = 48;
            o.MaxPacketSize = 512;
            o.MaxInflight = 2;
            o.MaxQueued = 8;
            o.MaxRetained = 16;
            o.MaxRetainedBytes = 2048;
            return o;
        }
    }
}
