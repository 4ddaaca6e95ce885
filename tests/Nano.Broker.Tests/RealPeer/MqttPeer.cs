using System;
using System.Linq;
using System.Text;
using System.Threading.Channels;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>A message as an MQTTnet client received it.</summary>
    internal sealed record PeerMessage(string Topic, string Payload, int Qos, bool Retain, bool Dup);

    /// <summary>An MQTTnet client with an inbox of received messages and a disconnect signal.</summary>
    internal sealed class MqttPeer : IAsyncDisposable
    {
        private readonly Channel<PeerMessage> _inbox = Channel.CreateUnbounded<PeerMessage>();

        public MqttPeer()
        {
            Client = new MqttClientFactory().CreateMqttClient();
            Client.ApplicationMessageReceivedAsync += e =>
            {
                var m = e.ApplicationMessage;
                _inbox.Writer.TryWrite(new PeerMessage(m.Topic, Encoding.UTF8.GetString(m.Payload), (int)m.QualityOfServiceLevel, m.Retain, m.Dup));
                return Task.CompletedTask;
            };
            Client.DisconnectedAsync += e =>
            {
                if (e.ClientWasConnected)
                {
                    Disconnected.TrySetResult(e);
                }
                return Task.CompletedTask;
            };
        }

        public IMqttClient Client { get; }

        public MqttClientConnectResult ConnectResult { get; private set; }

        /// <summary>Completes when an established connection ends.</summary>
        public TaskCompletionSource<MqttClientDisconnectedEventArgs> Disconnected { get; } =
            new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task ConnectAsync(MqttClientOptions options)
        {
            ConnectResult = await Client.ConnectAsync(options).WaitAsync(TestBroker.Timeout);
        }

        public async Task SubscribeAsync(string filter, MqttQualityOfServiceLevel qos, MqttClientSubscribeResultCode expected)
        {
            var result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(qos))
                .Build()).WaitAsync(TestBroker.Timeout);
            Assert.HasCount(1, result.Items);
            Assert.AreEqual(expected, result.Items.First().ResultCode, filter);
        }

        public Task SubscribeAsync(string filter, MqttQualityOfServiceLevel qos) =>
            SubscribeAsync(filter, qos, (MqttClientSubscribeResultCode)(int)qos);

        public Task PublishAsync(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce, bool retain = false) =>
            Client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(qos)
                .WithRetainFlag(retain)
                .Build()).WaitAsync(TestBroker.Timeout);

        /// <summary>The next received message, or a test failure after the timeout.</summary>
        public async Task<PeerMessage> NextAsync()
        {
            try
            {
                return await _inbox.Reader.ReadAsync().AsTask().WaitAsync(TestBroker.Timeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail(Client.Options.ClientId + ": no message within " + TestBroker.Timeout);
                throw;
            }
        }

        /// <summary>True when no message is waiting (use after a sentinel message has been received).</summary>
        public bool InboxEmpty => !_inbox.Reader.TryPeek(out _);

        public async ValueTask DisposeAsync()
        {
            if (Client.IsConnected)
            {
                try
                {
                    await Client.DisconnectAsync().WaitAsync(TestBroker.Timeout);
                }
                catch (Exception)
                {
                    // The broker may have closed the connection already.
                }
            }
            Client.Dispose();
        }
    }
}
