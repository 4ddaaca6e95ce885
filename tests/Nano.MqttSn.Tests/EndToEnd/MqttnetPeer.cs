using System;
using System.Text;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>An MQTTnet 5 client on the broker's TCP port, with an inbox of "topic=payload qN [retain]" lines.</summary>
    internal sealed class MqttnetPeer : IAsyncDisposable
    {
        private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>();
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

        private MqttnetPeer()
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                var m = e.ApplicationMessage;
                _inbox.Writer.TryWrite(m.Topic + "=" + Encoding.UTF8.GetString(m.Payload) + " q" + (int)m.QualityOfServiceLevel + (m.Retain ? " retain" : ""));
                return Task.CompletedTask;
            };
        }

        public static async Task<MqttnetPeer> ConnectAsync(int port, string clientId)
        {
            var peer = new MqttnetPeer();
            var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithTimeout(SnNode.Timeout).Build();
            await peer._client.ConnectAsync(options).WaitAsync(SnNode.Timeout);
            return peer;
        }

        public async Task SubscribeAsync(string filter, MqttQualityOfServiceLevel qos)
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(qos)).Build()).WaitAsync(SnNode.Timeout);
        }

        public Task PublishAsync(string topic, string payload, MqttQualityOfServiceLevel qos, bool retain = false) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build()).WaitAsync(SnNode.Timeout);

        public async Task<string> NextAsync()
        {
            try
            {
                return await _inbox.Reader.ReadAsync().AsTask().WaitAsync(SnNode.Timeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail("MQTTnet received nothing within " + SnNode.Timeout);
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync().WaitAsync(SnNode.Timeout);
            }
            _client.Dispose();
        }
    }
}
