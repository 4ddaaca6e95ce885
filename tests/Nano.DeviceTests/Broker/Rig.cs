#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>A broker engine driven by a fake clock.</summary>
    public sealed class Rig
    {
        public readonly BrokerEngine Engine;
        public long Now = 1000000;

        public Rig() : this(new BrokerOptions())
        {
        }

        public Rig(BrokerOptions options)
        {
            Engine = new BrokerEngine(options);
        }

        public void Advance(long ms)
        {
            Now += ms;
            Engine.Poll(Now);
        }

        public RigClient Accept()
        {
            int id = Engine.Accept(Now);
            Assert.IsTrue(id >= 0, "no connection slot");
            return new RigClient(this, id);
        }

        /// <summary>Accepts, sends CONNECT and checks CONNACK 0 with the expected Session Present flag.</summary>
        public RigClient Connect(string clientId, bool clean, bool sessionPresent)
        {
            RigClient c = Accept();
            c.Send(Wire.Connect(clientId, clean, 0));
            Assert.AreEqual(sessionPresent ? "20020100" : "20020000", c.Next());
            return c;
        }

        public RigClient Connect(string clientId)
        {
            return Connect(clientId, true, false);
        }

        /// <summary>Connects and subscribes to one filter, checking the SUBACK.</summary>
        public RigClient Subscriber(string clientId, string filter, int qos)
        {
            RigClient c = Connect(clientId);
            c.Send(Wire.Subscribe(1, filter, qos));
            Assert.AreEqual("90030001" + Wire.Hex(new byte[] { (byte)qos }, 0, 1), c.Next());
            return c;
        }
    }

    /// <summary>One scripted connection: sends bytes and reads the broker's packets one by one.</summary>
    public sealed class RigClient
    {
        private readonly Rig _rig;
        private readonly byte[] _pending = new byte[2048];
        private int _count;
        public readonly int Id;

        public RigClient(Rig rig, int id)
        {
            _rig = rig;
            Id = id;
        }

        public void Send(byte[] bytes)
        {
            _rig.Engine.Receive(Id, bytes, 0, bytes.Length, _rig.Now);
        }

        public bool WantsClose
        {
            get { return _rig.Engine.WantsClose(Id); }
        }

        /// <summary>The host closed the socket.</summary>
        public void Closed()
        {
            _rig.Engine.Closed(Id);
        }

        /// <summary>The socket failed.</summary>
        public void Lost()
        {
            _rig.Engine.ConnectionLost(Id, _rig.Now);
            _rig.Engine.Closed(Id);
        }

        /// <summary>Sends DISCONNECT and lets the host close the socket.</summary>
        public void Disconnect()
        {
            Send(Wire.Disconnect);
            Assert.IsTrue(WantsClose, "DISCONNECT closes");
            Closed();
        }

        /// <summary>The next whole packet the broker sent, as hexadecimal text; "" when there is none.</summary>
        public string Next()
        {
            Fill();
            if (_count < 2)
            {
                return "";
            }
            int length = 0;
            int shift = 0;
            int h = 1;
            int digit;
            do
            {
                digit = _pending[h++];
                length |= (digit & 0x7F) << shift;
                shift += 7;
            }
            while ((digit & 0x80) != 0 && h < _count);
            int size = h + length;
            Assert.IsTrue(size <= _count, "a partial packet");
            string hex = Wire.Hex(_pending, 0, size);
            System.Array.Copy(_pending, size, _pending, 0, _count - size);
            _count -= size;
            return hex;
        }

        /// <summary>Asserts the broker sent nothing more.</summary>
        public void ExpectNothing()
        {
            Assert.AreEqual("", Next());
        }

        private void Fill()
        {
            int n;
            while ((n = _rig.Engine.ReadOutput(Id, _pending, _count, _pending.Length - _count)) > 0)
            {
                _count += n;
            }
        }
    }
}
