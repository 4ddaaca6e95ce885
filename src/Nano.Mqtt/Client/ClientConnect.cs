using System;
using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>The client's CONNECT packet, built once from its options.</summary>
    internal static class ClientConnect
    {
        /// <summary>Fills <paramref name="p"/> from <paramref name="options"/>: session, keep-alive, client identifier, Will
        /// and credentials, each copied into arrays of its own.</summary>
        internal static void Build(ConnectPacket p, MqttClientOptions options, byte level, int keepAliveSeconds)
        {
            p.ProtocolLevel = level;
            p.Bridge = options.Bridge;
            p.CleanSession = options.CleanSession;
            p.KeepAlive = (ushort)keepAliveSeconds;
            byte[] clientId = Utf8Encoder.GetBytes(options.ClientId);
            p.ClientId.Set(clientId, 0, clientId.Length);
            if (options.WillTopic != null)
            {
                byte[] willTopic = Utf8Encoder.GetBytes(options.WillTopic);
                byte[] willPayload = new byte[options.WillPayload == null ? 0 : options.WillPayload.Length];
                if (willPayload.Length > 0)
                {
                    Array.Copy(options.WillPayload, willPayload, willPayload.Length);
                }

                p.HasWill = true;
                p.WillTopic.Set(willTopic, 0, willTopic.Length);
                p.WillMessage.Set(willPayload, 0, willPayload.Length);
                p.WillQos = (byte)(options.WillQos < 0 ? 0 : options.WillQos > 2 ? 2 : options.WillQos);
                p.WillRetain = options.WillRetain;
            }

            if (options.UserName != null)
            {
                byte[] userName = Utf8Encoder.GetBytes(options.UserName);
                p.HasUserName = true;
                p.UserName.Set(userName, 0, userName.Length);
                if (options.Password != null)
                {
                    byte[] password = Utf8Encoder.GetBytes(options.Password);
                    p.HasPassword = true;
                    p.Password.Set(password, 0, password.Length);
                }
            }
        }
    }
}
