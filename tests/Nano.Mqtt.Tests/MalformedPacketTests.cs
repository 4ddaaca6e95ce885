using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    /// <summary>
    /// Table of malformed packets: each yields its specific <see cref="MqttError"/>, never an exception.
    /// "P:xx yy.." rows are first byte + body, the remaining length is computed; other rows are raw bytes.
    /// </summary>
    [TestClass]
    public sealed class MalformedPacketTests
    {
        private const byte V3 = ProtocolLevel.V31;
        private const byte V4 = ProtocolLevel.V311;

        // CONNECT body prefix: name "MQTT", level 4.
        private const string Mqtt4 = "00 04 4D 51 54 54 04";
        private const string Mqisdp3 = "00 06 4D 51 49 73 64 70 03";

        public static IEnumerable<object[]> Cases => new[]
        {
            // Fixed header and framing [§2.2].
            Row("empty span", "", V4, MqttError.FixedHeaderTruncated),
            Row("one byte", "30", V4, MqttError.FixedHeaderTruncated),
            Row("length continues past the span", "30 80", V4, MqttError.FixedHeaderTruncated),
            Row("fifth length byte", "30 FF FF FF FF 01", V4, MqttError.RemainingLengthMalformed),
            Row("type 0", "00 00", V4, MqttError.PacketTypeReserved),
            Row("type 15 (AUTH, 5.0 only)", "F0 00", V4, MqttError.PacketTypeReserved),
            Row("declared length beyond span", "C0 05", V4, MqttError.RemainingLengthMismatch),
            Row("bytes beyond declared length", "E0 00 00", V4, MqttError.RemainingLengthMismatch),
            Row("PINGREQ with body", "P:C0 00", V4, MqttError.RemainingLengthInvalidForType),
            Row("PUBACK length 3", "P:40 00 01 00", V4, MqttError.RemainingLengthInvalidForType),
            Row("PUBCOMP length 1", "P:70 00", V4, MqttError.RemainingLengthInvalidForType),
            Row("UNSUBACK length 3", "P:B0 00 01 00", V4, MqttError.RemainingLengthInvalidForType),
            Row("CONNACK length 3", "P:20 00 00 00", V4, MqttError.RemainingLengthInvalidForType),
            Row("MQTT 5.0 level on PUBLISH", "P:30 00 01 61", ProtocolLevel.V50, MqttError.ProtocolLevelUnsupported),
            Row("unknown level on PINGREQ", "C0 00", 0, MqttError.ProtocolLevelUnsupported),

            // Reserved flag bits [MQTT-2.2.2-1].
            Row("CONNECT flags 0001", "P:11 " + Mqtt4 + " 02 00 00 00 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("CONNACK flags", "P:21 00 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PUBACK flags", "P:41 00 01", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PUBREC flags", "P:52 00 01", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PUBREL flags 0000 MQTT-3.6.1-1", "P:60 00 01", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PUBREL flags 1010 at level 4", "P:6A 00 01", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PUBREL flags 1010 at level 3 (DUP re-send)", "P:6A 00 01", V3, MqttError.None),
            Row("PUBREL flags 0110 at level 3", "P:66 00 01", V3, MqttError.FixedHeaderFlagsInvalid),
            Row("PUBCOMP flags", "P:78 00 01", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("SUBSCRIBE flags 0000 MQTT-3.8.1-1", "P:80 00 01 00 01 61 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("SUBSCRIBE flags 1010 at level 4", "P:8A 00 01 00 01 61 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("SUBSCRIBE flags 1010 at level 3", "P:8A 00 01 00 01 61 00", V3, MqttError.None),
            Row("SUBACK flags", "P:92 00 01 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("UNSUBSCRIBE flags 0000 MQTT-3.10.1-1", "P:A0 00 01 00 01 61", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("UNSUBSCRIBE flags 1010 at level 3", "P:AA 00 01 00 01 61", V3, MqttError.None),
            Row("UNSUBACK flags", "P:B2 00 01", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PINGREQ flags", "C8 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("PINGRESP flags", "D1 00", V4, MqttError.FixedHeaderFlagsInvalid),
            Row("DISCONNECT flags MQTT-3.14.1-1", "E2 00", V4, MqttError.FixedHeaderFlagsInvalid),

            // PUBLISH [§3.3].
            Row("QoS 3 MQTT-3.3.1-4", "P:36 00 01 61 00 01", V4, MqttError.PublishQos3),
            Row("QoS 3 at level 3", "P:36 00 01 61 00 01", V3, MqttError.PublishQos3),
            Row("DUP with QoS 0 MQTT-3.3.1-2", "P:38 00 01 61", V4, MqttError.PublishDupWithQos0),
            Row("DUP with QoS 0 tolerated at level 3", "P:38 00 01 61", V3, MqttError.None),
            Row("packet id 0 at QoS 1 MQTT-2.3.1-1", "P:32 00 01 61 00 00", V4, MqttError.PacketIdZero),
            Row("packet id 0 at QoS 2", "P:34 00 01 61 00 00", V3, MqttError.PacketIdZero),
            Row("empty topic MQTT-4.7.3-1", "P:30 00 00", V4, MqttError.TopicNameEmpty),
            Row("'+' in topic MQTT-3.3.2-2", "P:30 00 03 61 2F 2B", V4, MqttError.TopicNameContainsWildcard),
            Row("'#' in topic MQTT-4.7.1-1", "P:30 00 01 23", V4, MqttError.TopicNameContainsWildcard),
            Row("topic overruns packet", "P:30 00 05 61", V4, MqttError.FieldOverrunsPacket),
            Row("topic length cut", "P:30 00", V4, MqttError.FieldOverrunsPacket),
            Row("no body", "30 00", V4, MqttError.FieldOverrunsPacket),
            Row("QoS 1 without packet id", "P:32 00 01 61", V4, MqttError.FieldOverrunsPacket),
            Row("QoS 1 with half packet id", "P:32 00 01 61 00", V4, MqttError.FieldOverrunsPacket),
            Row("surrogate in topic MQTT-1.5.3-1", "P:30 00 03 ED A0 80", V4, MqttError.Utf8Surrogate),
            Row("U+0000 in topic MQTT-4.7.3-2", "P:30 00 02 61 00", V4, MqttError.Utf8NullCharacter),
            Row("overlong '/' in topic", "P:30 00 02 C0 AF", V4, MqttError.Utf8Overlong),

            // Acknowledgments.
            Row("PUBACK packet id 0", "P:40 00 00", V4, MqttError.PacketIdZero),
            Row("PUBREL packet id 0", "P:62 00 00", V4, MqttError.PacketIdZero),
            Row("UNSUBACK packet id 0", "P:B0 00 00", V4, MqttError.PacketIdZero),

            // SUBSCRIBE [§3.8].
            Row("no filters MQTT-3.8.3-3", "P:82 00 01", V4, MqttError.SubscribeNoTopicFilters),
            Row("packet id 0", "P:82 00 00 00 01 61 00", V4, MqttError.PacketIdZero),
            Row("packet id cut", "P:82 00", V4, MqttError.FieldOverrunsPacket),
            Row("QoS reserved bits MQTT-3.8.3-4", "P:82 00 01 00 01 61 04", V4, MqttError.SubscribeRequestedQosReservedBits),
            Row("QoS bit 7 MQTT-3.8.3-4", "P:82 00 01 00 01 61 81", V4, MqttError.SubscribeRequestedQosReservedBits),
            Row("QoS 3 MQTT-3.8.3-4", "P:82 00 01 00 01 61 03", V4, MqttError.SubscribeRequestedQos3),
            Row("QoS byte missing", "P:82 00 01 00 01 61", V4, MqttError.FieldOverrunsPacket),
            Row("second entry QoS missing", "P:82 00 01 00 01 61 00 00 01 62", V4, MqttError.FieldOverrunsPacket),
            Row("filter overruns", "P:82 00 01 00 09 61 00", V4, MqttError.FieldOverrunsPacket),
            Row("dangling length byte", "P:82 00 01 00", V4, MqttError.FieldOverrunsPacket),
            Row("empty filter MQTT-4.7.3-1", "P:82 00 01 00 00 00", V4, MqttError.TopicFilterEmpty),
            Row("'#' not last MQTT-4.7.1-2", "P:82 00 01 00 03 23 2F 61 00", V4, MqttError.TopicFilterMultiLevelWildcardMisplaced),
            Row("'a#' MQTT-4.7.1-2", "P:82 00 01 00 02 61 23 00", V4, MqttError.TopicFilterMultiLevelWildcardMisplaced),
            Row("'a+' MQTT-4.7.1-3", "P:82 00 01 00 02 61 2B 00", V4, MqttError.TopicFilterSingleLevelWildcardMisplaced),
            Row("ill-formed filter MQTT-3.8.3-1", "P:82 00 01 00 01 FF 00", V4, MqttError.Utf8IllFormed),
            Row("17 filters over bound 16 (paho#242)", "P:82 00 01" + Repeat(" 00 01 61 00", 17), V4, MqttError.TooManyTopicFilters),

            // UNSUBSCRIBE [§3.10].
            Row("no filters MQTT-3.10.3-2", "P:A2 00 01", V4, MqttError.UnsubscribeNoTopicFilters),
            Row("packet id 0", "P:A2 00 00 00 01 61", V4, MqttError.PacketIdZero),
            Row("empty filter", "P:A2 00 01 00 00", V4, MqttError.TopicFilterEmpty),
            Row("filter overruns", "P:A2 00 01 00 02 61", V4, MqttError.FieldOverrunsPacket),
            Row("'+a'", "P:A2 00 01 00 02 2B 61", V4, MqttError.TopicFilterSingleLevelWildcardMisplaced),
            Row("surrogate MQTT-3.10.3-1", "P:A2 00 01 00 03 ED B0 80", V4, MqttError.Utf8Surrogate),
            Row("17 filters over bound 16", "P:A2 00 01" + Repeat(" 00 01 61", 17), V4, MqttError.TooManyTopicFilters),

            // SUBACK [§3.9].
            Row("no return codes", "P:90 00 01", V4, MqttError.SubAckNoReturnCodes),
            Row("return code 3 MQTT-3.9.3-2", "P:90 00 01 03", V4, MqttError.SubAckReturnCodeInvalid),
            Row("return code 0x81", "P:90 00 01 00 81", V4, MqttError.SubAckReturnCodeInvalid),
            Row("0x80 at level 3", "P:90 00 01 80", V3, MqttError.SubAckReturnCodeInvalid),
            Row("0x80 at level 4", "P:90 00 01 80", V4, MqttError.None),
            Row("packet id 0", "P:90 00 00 00", V4, MqttError.PacketIdZero),

            // CONNACK [§3.2].
            Row("reserved acknowledge flags", "P:20 02 00", V4, MqttError.ConnAckReservedFlagsSet),
            Row("acknowledge byte ignored at level 3", "P:20 FF 00", V3, MqttError.None),
            Row("return code 6", "P:20 00 06", V4, MqttError.ConnAckReturnCodeReserved),
            Row("session present with error MQTT-3.2.2-4", "P:20 01 05", V4, MqttError.ConnAckSessionPresentWithError),

            // CONNECT [§3.1].
            Row("valid minimal", "P:10 " + Mqtt4 + " 02 00 3C 00 00", V4, MqttError.None),
            Row("unknown protocol name MQTT-3.1.2-1", "P:10 00 04 4D 51 54 58 04 02 00 3C 00 00", V4, MqttError.ConnectProtocolNameInvalid),
            Row("lower-case name", "P:10 00 04 6D 71 74 74 04 02 00 3C 00 00", V4, MqttError.ConnectProtocolNameInvalid),
            Row("level 5 MQTT-3.1.2-2", "P:10 00 04 4D 51 54 54 05 02 00 3C 00 00 00", V4, MqttError.ConnectProtocolLevelUnsupported),
            Row("bridge bit with level 5", "P:10 00 04 4D 51 54 54 85 02 00 3C 00 00", V4, MqttError.ConnectProtocolLevelUnsupported),
            Row("MQTT with level 3", "P:10 00 04 4D 51 54 54 03 02 00 3C 00 00", V4, MqttError.ConnectProtocolNameLevelMismatch),
            Row("MQIsdp with level 4", "P:10 00 06 4D 51 49 73 64 70 04 02 00 3C 00 00", V4, MqttError.ConnectProtocolNameLevelMismatch),
            Row("reserved flag MQTT-3.1.2-3", "P:10 " + Mqtt4 + " 03 00 3C 00 00", V4, MqttError.ConnectReservedFlagSet),
            Row("reserved flag tolerated at 3.1", "P:10 " + Mqisdp3 + " 03 00 3C 00 01 61", V4, MqttError.None),
            Row("Will QoS without Will MQTT-3.1.2-13", "P:10 " + Mqtt4 + " 0A 00 3C 00 00", V4, MqttError.ConnectWillQosWithoutWill),
            Row("Will Retain without Will MQTT-3.1.2-15", "P:10 " + Mqtt4 + " 22 00 3C 00 00", V4, MqttError.ConnectWillRetainWithoutWill),
            Row("Will QoS 3 MQTT-3.1.2-14", "P:10 " + Mqtt4 + " 1E 00 3C 00 00 00 01 61 00 00", V4, MqttError.ConnectWillQos3),
            Row("password without user name MQTT-3.1.2-22", "P:10 " + Mqtt4 + " 42 00 3C 00 00 00 00", V4, MqttError.ConnectPasswordWithoutUserName),
            Row("Will topic with wildcard MQTT-3.1.3-10", "P:10 " + Mqtt4 + " 06 00 3C 00 00 00 01 23 00 00", V4, MqttError.ConnectWillTopicInvalid),
            Row("empty Will topic", "P:10 " + Mqtt4 + " 06 00 3C 00 00 00 00 00 00", V4, MqttError.ConnectWillTopicInvalid),
            Row("Will message missing MQTT-3.1.2-9", "P:10 " + Mqtt4 + " 06 00 3C 00 00 00 01 61", V4, MqttError.FieldOverrunsPacket),
            Row("user name missing MQTT-3.1.2-19", "P:10 " + Mqtt4 + " 82 00 3C 00 00", V4, MqttError.FieldOverrunsPacket),
            Row("password missing MQTT-3.1.2-21", "P:10 " + Mqtt4 + " C2 00 3C 00 00 00 01 75", V4, MqttError.FieldOverrunsPacket),
            Row("client id ill-formed MQTT-3.1.3-4", "P:10 " + Mqtt4 + " 02 00 3C 00 01 C3", V4, MqttError.Utf8IllFormed),
            Row("client id with U+0000", "P:10 " + Mqtt4 + " 02 00 3C 00 01 00", V4, MqttError.Utf8NullCharacter),
            Row("user name surrogate", "P:10 " + Mqtt4 + " 82 00 3C 00 00 00 03 ED A0 80", V4, MqttError.Utf8Surrogate),
            Row("client id missing", "P:10 " + Mqtt4 + " 02 00 3C", V4, MqttError.FieldOverrunsPacket),
            Row("keep-alive cut", "P:10 " + Mqtt4 + " 02 00", V4, MqttError.FieldOverrunsPacket),
            Row("protocol name cut", "P:10 00 04 4D 51", V4, MqttError.FieldOverrunsPacket),
            Row("trailing byte (user name flag clear)", "P:10 " + Mqtt4 + " 02 00 3C 00 00 00 01 75", V4, MqttError.TrailingBytes),
            Row("trailing byte", "P:10 " + Mqtt4 + " 02 00 3C 00 00 FF", V4, MqttError.TrailingBytes),
        };

        private static object[] Row(string name, string bytes, byte level, MqttError expected) => new object[] { name, bytes, level, expected };

        private static string Repeat(string s, int n) => string.Concat(System.Linq.Enumerable.Repeat(s, n));

        /// <summary>Builds the packet bytes of a table row.</summary>
        internal static byte[] Build(string spec)
        {
            if (!spec.StartsWith("P:"))
            {
                return Hex(spec);
            }

            byte[] all = Hex(spec.Substring(2));
            byte[] header = new byte[5];
            int headerLength = FixedHeader.Write(header, 0, (PacketType)(all[0] >> 4), (byte)(all[0] & 0x0F), all.Length - 1);
            byte[] packet = new byte[headerLength + all.Length - 1];
            System.Array.Copy(header, packet, headerLength);
            System.Array.Copy(all, 1, packet, headerLength, all.Length - 1);
            return packet;
        }

        [TestMethod]
        [DynamicData(nameof(Cases))]
        public void Malformed_packet_yields_its_specific_error(string name, string bytes, byte level, MqttError expected)
        {
            byte[] packet = Build(bytes);
            Assert.AreEqual(expected, AnyPacket.Decode(packet, 0, packet.Length, level), name);

            // The same bytes inside a larger buffer at an offset give the same answer.
            byte[] shifted = new byte[packet.Length + 9];
            System.Array.Copy(packet, 0, shifted, 4, packet.Length);
            Assert.AreEqual(expected, AnyPacket.Decode(shifted, 4, packet.Length, level), name + " (offset)");
        }

        [TestMethod]
        public void Decoder_of_another_type_reports_unexpected_type()
        {
            byte[] pingreq = Hex("C0 00");
            Assert.AreEqual(MqttError.PacketTypeUnexpected, new PublishPacket().Decode(pingreq, 0, 2, V4));
            Assert.AreEqual(MqttError.PacketTypeUnexpected, new AckPacket().Decode(pingreq, 0, 2, V4));
            Assert.AreEqual(MqttError.PacketTypeUnexpected, new ConnectPacket().Decode(pingreq, 0, 2));
            byte[] puback = Hex("40 02 00 01");
            Assert.AreEqual(MqttError.PacketTypeUnexpected, new HeaderOnlyPacket().Decode(puback, 0, 4, V4));
            Assert.AreEqual(MqttError.PacketTypeUnexpected, new SubAckPacket().Decode(puback, 0, 4, V4));
        }

        [TestMethod]
        public void Range_outside_the_buffer_is_an_error_not_an_exception()
        {
            byte[] b = Hex("C0 00");
            Assert.AreEqual(MqttError.InvalidBufferRange, new HeaderOnlyPacket().Decode(b, 1, 2, V4));
            Assert.AreEqual(MqttError.InvalidBufferRange, new ConnectPacket().Decode(null, 0, 0));
            Assert.AreEqual(MqttError.InvalidBufferRange, new PublishPacket().Decode(b, -1, 2, V4));
            Assert.AreEqual(MqttError.InvalidBufferRange, FixedHeader.Read(b, 0, 3, out _, out _, out _, out _));
        }

        [TestMethod]
        public void Unsupported_connect_level_is_reported_with_the_level_received()
        {
            byte[] b = Build("P:10 00 04 4D 51 54 54 05 02 00 3C 05 00 00 00");
            Assert.AreEqual(MqttError.ConnectProtocolLevelUnsupported, Decoding.Decode(b, 0, b.Length, out ConnectPacket p));
            Assert.AreEqual(ProtocolLevel.V50, p.ProtocolLevel);
        }

        [TestMethod]
        public void Bridge_bit_in_the_level_byte_is_decoded_apart_from_the_level_and_encoded_back()
        {
            byte[] b = Build("P:10 00 04 4D 51 54 54 84 02 00 3C 00 01 61");
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, out ConnectPacket p));
            Assert.AreEqual(ProtocolLevel.V311, p.ProtocolLevel);
            Assert.IsTrue(p.Bridge);
            byte[] encoded = new byte[b.Length];
            Assert.AreEqual(b.Length, p.Encode(encoded, 0));
            CollectionAssert.AreEqual(b, encoded);
            p.Bridge = false;
            p.Encode(encoded, 0);
            Assert.AreEqual((byte)0x04, encoded[8]);
        }
    }
}
