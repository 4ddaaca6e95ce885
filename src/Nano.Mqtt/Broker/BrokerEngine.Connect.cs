using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        private bool HandleConnect(int ci, int offset, int size)
        {
            Connection c = _connections[ci];
            if (!c.Reserve(4))
            {
                return false;
            }
            ConnectPacket p = _connect;
            MqttError error = p.Decode(c.Input, offset, size);
            if (error == MqttError.ConnectProtocolLevelUnsupported || error == MqttError.ConnectProtocolNameLevelMismatch)
            {
                Refuse(ci, ConnectReturnCode.UnacceptableProtocolVersion); // [MQTT-3.1.2-2]
                return true;
            }
            if (error != MqttError.None)
            {
                ProtocolViolation(ci); // no CONNACK for a malformed CONNECT [MQTT-3.1.4-1]
                return true;
            }
            c.ProtocolLevel = p.ProtocolLevel;
            ByteSlice clientId = p.ClientId;
            int idLength = clientId.Length;
            bool idValid = p.ProtocolLevel == ProtocolLevel.V31
                ? idLength >= 1 && idLength <= 23
                : idLength <= _options.MaxClientIdLength && (idLength > 0 || p.CleanSession); // [MQTT-3.1.3-8]
            if (!idValid)
            {
                Refuse(ci, ConnectReturnCode.IdentifierRejected); // [MQTT-3.1.3-9]
                return true;
            }
            int code = Authenticate(p);
            if (code != 0)
            {
                Statistics.AuthenticationFailures++;
                Refuse(ci, (ConnectReturnCode)code);
                return true;
            }
            if (idLength == 0)
            {
                clientId = AssignClientId(); // [MQTT-3.1.3-6]
            }
            int userNameLength = p.HasUserName ? p.UserName.Length : -1;
            TopicAcl acl = Acl;
            if (p.HasWill && acl != null && !acl.Allows(TopicAcl.Write, c.Input, p.WillTopic.Offset, p.WillTopic.Length,
                clientId.Buffer, clientId.Offset, clientId.Length, c.Input, p.UserName.Offset, userNameLength))
            {
                // Checked here rather than at publication: the client learns at once, and no Will is kept.
                Statistics.WillsDenied++;
                Refuse(ci, ConnectReturnCode.NotAuthorized);
                return true;
            }
            int will = -1;
            if (p.HasWill)
            {
                will = _pool.Allocate(c.Input, p.WillTopic.Offset, p.WillTopic.Length, c.Input, p.WillMessage.Offset, p.WillMessage.Length, p.WillQos);
                if (will < 0)
                {
                    Statistics.DroppedPoolFull++;
                    Refuse(ci, ConnectReturnCode.ServerUnavailable);
                    return true;
                }
            }
            int s = FindSession(clientId);
            if (s >= 0 && _sessions[s].Connection >= 0)
            {
                Statistics.Takeovers++;
                Close(_sessions[s].Connection, true); // [MQTT-3.1.4-2]; the displaced connection's Will is published
                s = FindSession(clientId);
            }
            if (s >= 0 && p.CleanSession)
            {
                DiscardSession(s); // [MQTT-3.1.2-6]
                s = -1;
            }
            bool sessionPresent = s >= 0;
            if (s < 0)
            {
                s = CreateSession(clientId, p.CleanSession);
                if (s < 0)
                {
                    if (will >= 0)
                    {
                        _pool.Release(will);
                    }
                    Refuse(ci, ConnectReturnCode.ServerUnavailable);
                    return true;
                }
            }
            Session session = _sessions[s];
            session.Connection = ci;
            session.SetUserName(c.Input, p.UserName.Offset, userNameLength);
            c.Session = s;
            c.State = Connection.Connected;
            c.KeepAliveMs = p.KeepAlive * 1000L;
            c.Will = will;
            c.WillRetain = p.WillRetain;
            Statistics.ClientsConnected++;
            if (Statistics.ClientsConnected > Statistics.ClientsMaximum)
            {
                Statistics.ClientsMaximum = Statistics.ClientsConnected;
            }
            ConnAckPacket ack = _connAck;
            // [MQTT-3.2.2-1], [MQTT-3.2.2-2], [MQTT-3.2.2-3]; the byte is reserved at 3.1
            ack.SessionPresent = sessionPresent && c.ProtocolLevel == ProtocolLevel.V311;
            ack.ReturnCode = ConnectReturnCode.Accepted;
            Written(c, ack.Encode(c.Output, c.OutputEnd));
            if (sessionPresent)
            {
                session.MarkAllForResend(); // [MQTT-4.4.0-1]
            }
            Pump(s);
            return true;
        }

        private int Authenticate(ConnectPacket p)
        {
            if (!_options.AllowAnonymous && !p.HasUserName)
            {
                return (int)ConnectReturnCode.NotAuthorized;
            }
            if (p.HasUserName && p.UserName.Length > _options.MaxUserNameLength)
            {
                return (int)ConnectReturnCode.BadUserNameOrPassword;
            }
            IAuthenticator authenticator = Authenticator;
            if (authenticator == null)
            {
                return 0;
            }
            int code = authenticator.Authenticate(p.ClientId.Buffer, p.ClientId.Offset, p.ClientId.Length,
                p.UserName.Offset, p.HasUserName ? p.UserName.Length : -1,
                p.Password.Offset, p.HasPassword ? p.Password.Length : -1);
            return code >= 0 && code <= (int)ConnectReturnCode.NotAuthorized ? code : (int)ConnectReturnCode.NotAuthorized;
        }

        /// <summary>Answers CONNECT with a non-zero return code and Session Present 0, then closes [MQTT-3.2.2-4], [MQTT-3.2.2-5].
        /// Nothing after the CONNECT is processed [MQTT-3.1.4-5].</summary>
        private void Refuse(int ci, ConnectReturnCode code)
        {
            Connection c = _connections[ci];
            ConnAckPacket ack = _connAck;
            ack.SessionPresent = false;
            ack.ReturnCode = code;
            Written(c, ack.Encode(c.Output, c.OutputEnd));
            Statistics.ConnectionsRefused++;
            c.State = Connection.Closing;
        }

        /// <summary>A server-assigned identifier no session uses: "auto-" and a hexadecimal counter.</summary>
        private ByteSlice AssignClientId()
        {
            byte[] id = _assignedClientId;
            id[0] = (byte)'a';
            id[1] = (byte)'u';
            id[2] = (byte)'t';
            id[3] = (byte)'o';
            id[4] = (byte)'-';
            while (true)
            {
                _lastAssignedClientId++;
                int length = 5;
                for (int shift = 28; shift >= 0; shift -= 4)
                {
                    int digit = (_lastAssignedClientId >> shift) & 0xF;
                    id[length++] = (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);
                }
                ByteSlice slice = _assignedClientIdSlice;
                slice.Set(id, 0, length);
                if (FindSession(slice) < 0)
                {
                    return slice;
                }
            }
        }

        private int FindSession(ByteSlice clientId)
        {
            for (int i = 0; i < _sessions.Length; i++)
            {
                if (_sessions[i].HasClientId(clientId.Buffer, clientId.Offset, clientId.Length))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Opens a session in a free slot, evicting the offline session idle longest when none is free.</summary>
        private int CreateSession(ByteSlice clientId, bool clean)
        {
            int slot = -1;
            int oldest = -1;
            for (int i = 0; i < _sessions.Length && slot < 0; i++)
            {
                Session s = _sessions[i];
                if (!s.InUse)
                {
                    slot = i;
                }
                else if (s.Connection < 0 && (oldest < 0 || s.DisconnectedAtMs - _sessions[oldest].DisconnectedAtMs < 0))
                {
                    oldest = i;
                }
            }
            if (slot < 0)
            {
                if (oldest < 0)
                {
                    return -1;
                }
                Statistics.SessionsEvicted++;
                DiscardSession(oldest);
                slot = oldest;
            }
            _sessions[slot].Open(clientId.Buffer, clientId.Offset, clientId.Length, clean);
            Statistics.ClientsTotal++;
            return slot;
        }

        private void DiscardSession(int s)
        {
            _subscriptions.RemoveSession(s);
            _sessions[s].Discard();
            Statistics.ClientsTotal--;
        }

        /// <summary>
        /// Closes a connection: publishes the Will when <paramref name="abnormal"/> [MQTT-3.1.2-8] (never after
        /// DISCONNECT [MQTT-3.14.4-3]), removes it either way [MQTT-3.1.2-10], ends a clean session and keeps a
        /// persistent one offline. The slot stays until the host calls <see cref="Closed"/>.
        /// </summary>
        private void Close(int ci, bool abnormal)
        {
            Connection c = _connections[ci];
            c.State = Connection.Closing;
            int s = c.Session;
            if (s >= 0)
            {
                c.Session = -1;
                Statistics.ClientsConnected--;
                Session session = _sessions[s];
                session.Connection = -1;
                if (session.Clean)
                {
                    DiscardSession(s);
                }
                else
                {
                    session.DisconnectedAtMs = _nowMs;
                    if (!_options.QueueQos0)
                    {
                        Statistics.DroppedOffline += session.DropQueuedQos0();
                    }
                }
            }
            int will = c.Will;
            if (will >= 0)
            {
                c.Will = -1;
                if (abnormal)
                {
                    Statistics.WillsPublished++;
                    RouteMessage(will, c.WillRetain, false); // [MQTT-3.1.2-16], [MQTT-3.1.2-17]
                }
                _pool.Release(will);
            }
        }

        private void ExpireSessions()
        {
            for (int i = 0; i < _sessions.Length; i++)
            {
                Session s = _sessions[i];
                if (s.InUse && s.Connection < 0 && _nowMs - s.DisconnectedAtMs >= _options.SessionExpiryMs)
                {
                    Statistics.SessionsExpired++;
                    DiscardSession(i);
                }
            }
        }
    }
}
