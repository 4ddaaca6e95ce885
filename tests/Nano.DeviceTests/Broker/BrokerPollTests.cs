#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>
    /// Poll skips its pass over the connections until a timer can fire or input waits, and NextOutput names a connection
    /// only when it has output or is closing: timers still fire at the very millisecond they did when every Poll ran
    /// every timer, and a PUBLISH held back is still released by a Poll without new input.
    /// </summary>
    [TestClass]
    public class BrokerPollTests
    {
        /// <summary>Polls once a millisecond until the connection is closing; returns the milliseconds that took, or -1.</summary>
        private static long MillisecondsUntilClose(Rig rig, RigClient c, long limit)
        {
            for (long ms = 1; ms <= limit; ms++)
            {
                rig.Advance(1);
                if (c.WantsClose)
                {
                    return ms;
                }
            }
            return -1;
        }

        /// <summary>Accepts a client and connects it with a keep-alive of one second.</summary>
        private static RigClient ConnectWithKeepAlive(Rig rig)
        {
            RigClient c = rig.Accept();
            Connect(c);
            return c;
        }

        private static void Connect(RigClient c)
        {
            c.Send(Wire.Connect("k", true, 1));
            Assert.AreEqual("20020000", c.Next());
        }

        /// <summary>Polls once a millisecond <paramref name="ms"/> times.</summary>
        private static void Step(Rig rig, int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                rig.Advance(1);
            }
        }

        [TestMethod]
        public void Keep_alive_fires_at_the_same_millisecond_through_polls_that_skip_the_pass_MQTT_3_1_2_24()
        {
            Rig rig = new Rig();
            RigClient c = ConnectWithKeepAlive(rig);
            Assert.AreEqual(1501L, MillisecondsUntilClose(rig, c, 3000), "silence longer than 1.5 keep-alive periods");
        }

        [TestMethod]
        public void Keep_alive_moved_on_by_a_PINGREQ_between_passes_fires_from_the_PINGREQ_MQTT_3_1_2_24()
        {
            Rig rig = new Rig();
            RigClient c = ConnectWithKeepAlive(rig);
            Step(rig, 1000);
            c.Send(Wire.PingReq);
            Assert.AreEqual("D000", c.Next());
            Assert.AreEqual(1501L, MillisecondsUntilClose(rig, c, 3000), "counted from the PINGREQ, not from CONNECT");
        }

        [TestMethod]
        public void A_keep_alive_started_by_a_CONNECT_right_after_a_pass_fires_on_time_MQTT_3_1_2_24()
        {
            BrokerOptions o = new BrokerOptions();
            o.ConnectTimeoutMs = 60000;
            Rig rig = new Rig(o);
            RigClient idle = rig.Connect("idle");
            RigClient c = rig.Accept();
            rig.Advance(1); // the pass sees c awaiting its CONNECT
            Connect(c);
            Assert.AreEqual(1501L, MillisecondsUntilClose(rig, c, 3000));
            Assert.IsFalse(idle.WantsClose, "keep-alive 0 never times out");
        }

        [TestMethod]
        public void A_connection_accepted_between_passes_gets_its_own_connect_timeout()
        {
            BrokerOptions o = new BrokerOptions();
            o.ConnectTimeoutMs = 5000;
            Rig rig = new Rig(o);
            RigClient first = rig.Connect("first");
            rig.Advance(100);
            RigClient late = rig.Accept();
            Assert.AreEqual(5000L, MillisecondsUntilClose(rig, late, 6000));
            Assert.IsFalse(first.WantsClose);
        }

        [TestMethod]
        public void An_unacknowledged_delivery_is_sent_again_exactly_one_retry_interval_later_MQTT_4_4_0_1()
        {
            BrokerOptions o = new BrokerOptions();
            o.RetryIntervalMs = 1000;
            Rig rig = new Rig(o);
            RigClient sub = rig.Subscriber("sub", "t", 1);
            rig.Advance(500); // a pass while the session has nothing inflight
            RigClient pub = rig.Connect("pub");
            pub.Send(Wire.Publish("t", "m", 1, 9, false));
            Assert.AreEqual("40020009", pub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 1, false, false), sub.Next());
            for (int i = 0; i < 999; i++)
            {
                rig.Advance(1);
                sub.ExpectNothing();
            }
            rig.Advance(1);
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 1, false, true), sub.Next());
        }

        [TestMethod]
        public void A_PUBLISH_held_by_the_rate_limit_is_released_by_a_later_Poll_without_new_input()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxPublishRate = 1;
            o.PublishBurst = 1;
            Rig rig = new Rig(o);
            RigClient pub = rig.Connect("pub");
            rig.Advance(1); // a pass while nothing waits
            pub.Send(Wire.Publish("t", "a", 1, 1, false));
            pub.Send(Wire.Publish("t", "b", 1, 2, false));
            Assert.AreEqual("40020001", pub.Next());
            pub.ExpectNothing();
            for (int i = 0; i < 999; i++)
            {
                rig.Advance(1);
                pub.ExpectNothing();
            }
            rig.Advance(1);
            Assert.AreEqual("40020002", pub.Next(), "a token refills one second after the first PUBLISH took the last");
        }

        [TestMethod]
        public void A_session_gone_offline_between_scans_expires_at_the_same_millisecond()
        {
            ExpiresOneSecondAfterAScanThatSawNothing(true);
        }

        [TestMethod]
        public void A_retained_message_stored_between_scans_expires_at_the_same_millisecond()
        {
            ExpiresOneSecondAfterAScanThatSawNothing(false);
        }

        /// <summary>A session goes offline (or a message is retained) 500 ms after a scan that found nothing to expire;
        /// it must expire exactly one second later.</summary>
        private static void ExpiresOneSecondAfterAScanThatSawNothing(bool session)
        {
            BrokerOptions o = new BrokerOptions();
            o.SessionExpiryMs = session ? 1000 : 0;
            o.RetainedExpiryMs = session ? 0 : 1000;
            Rig rig = new Rig(o);
            RigClient c = rig.Connect("c", !session, false);
            rig.Advance(10);
            Step(rig, 490);
            if (session)
            {
                c.Disconnect();
            }
            else
            {
                c.Send(Wire.Publish("t", "m", 0, 0, true));
            }
            Step(rig, 999);
            Assert.AreEqual(1, session ? rig.Engine.SessionCount : rig.Engine.RetainedCount);
            rig.Advance(1);
            Assert.AreEqual(0, session ? rig.Engine.SessionCount : rig.Engine.RetainedCount, "expired one second later");
        }

        [TestMethod]
        public void SYS_reports_come_every_interval_through_polls_that_skip_the_pass()
        {
            BrokerOptions o = new BrokerOptions();
            o.SysIntervalMs = 1000;
            Rig rig = new Rig(o);
            RigClient sub = rig.Subscriber("sub", "$SYS/broker/uptime", 0);
            for (int second = 1; second <= 2; second++)
            {
                Step(rig, 999);
                sub.ExpectNothing();
                rig.Advance(1);
                Assert.AreEqual(Wire.PublishHex("$SYS/broker/uptime", second.ToString(), 0, 0, false, false), sub.Next());
            }
        }

        [TestMethod]
        public void NextOutput_skips_idle_connections_and_names_those_with_output_or_closing()
        {
            Rig rig = new Rig();
            RigClient waiting = rig.Accept();
            RigClient idle = rig.Connect("idle");
            RigClient sub = rig.Subscriber("sub", "t", 0);
            RigClient acked = rig.Connect("acked");
            BrokerEngine engine = rig.Engine;
            Assert.AreEqual(-1, engine.NextOutput(0), "nothing to send anywhere");
            idle.Send(Wire.Publish("t", "m", 0, 0, false));
            Assert.AreEqual(sub.Id, engine.NextOutput(0), "a queued PUBLISH");
            Assert.AreEqual(-1, engine.NextOutput(sub.Id + 1));
            Assert.AreEqual(Wire.PublishHex("t", "m", 0, 0, false, false), sub.Next());
            acked.Send(Wire.Publish("x", "m", 1, 7, false));
            Assert.AreEqual(acked.Id, engine.NextOutput(0), "only a PUBACK");
            Assert.AreEqual("40020007", acked.Next());
            waiting.Send(Wire.Connect("w", true, 0));
            Assert.AreEqual(waiting.Id, engine.NextOutput(0), "a CONNACK");
            Assert.AreEqual("20020000", waiting.Next());
            idle.Send(Wire.Disconnect);
            Assert.AreEqual(idle.Id, engine.NextOutput(0), "closing with nothing left to send");
            idle.Closed();
            Assert.AreEqual(-1, engine.NextOutput(0));
        }

        [TestMethod]
        public void NextOutput_names_a_delivery_marked_for_sending_again_and_a_packet_part_way_sent_MQTT_4_4_0_1()
        {
            BrokerOptions o = new BrokerOptions();
            o.RetryIntervalMs = 1000;
            Rig rig = new Rig(o);
            RigClient sub = rig.Subscriber("sub", "t", 1);
            rig.Engine.Publish(Wire.Ascii("t"), 0, 1, Wire.Ascii("m"), 0, 1, 1, false, rig.Now);
            Assert.AreEqual(sub.Id, rig.Engine.NextOutput(0));
            byte[] part = new byte[3];
            Assert.AreEqual(3, rig.Engine.ReadOutput(sub.Id, part, 0, 3));
            Assert.AreEqual(sub.Id, rig.Engine.NextOutput(0), "the rest of the PUBLISH");
            Assert.AreEqual("0174" + "0001" + "6D", Wire.Hex(Rest(rig, sub), 0, 5));
            Assert.AreEqual(-1, rig.Engine.NextOutput(0), "inflight, waiting for PUBACK");
            rig.Advance(1000);
            Assert.AreEqual(sub.Id, rig.Engine.NextOutput(0), "marked for sending again");
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 1, false, true), sub.Next());
        }

        private static byte[] Rest(Rig rig, RigClient c)
        {
            byte[] rest = new byte[16];
            int n = rig.Engine.ReadOutput(c.Id, rest, 0, rest.Length);
            Assert.AreEqual(5, n);
            return rest;
        }
    }
}
