using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Answers CONNECT: validates the protocol level and client identifier, authenticates, checks the Will,
    /// takes over an existing connection of the same client [MQTT-3.1.4-2], resumes or starts the session and
    /// sends CONNACK.
    /// </summary>
    internal sealed class ConnectHandler
    {
        private readonly BrokerState _state;
        private readonly SessionTable _sessions;
        private readonly ConnectionCloser _closer;
        private readonly AccessControl _access;
        private readonly ConnectPacket _connect = new ConnectPacket();
        private readonly ConnAckPacket _connAck = new ConnAckPacket();
        private readonly byte[] _assignedClientId;
        private int _lastAssignedClientId;

        /// <summary>Checks CONNECT credentials; null accepts every client (subject to <see cref="BrokerOptions.AllowAnonymous"/>).</summary>
        public IAuthenticator Authenticator;

        public ConnectHandler(BrokerState state, SessionTable sessions, ConnectionCloser closer, AccessControl access)
        {
            _state = state;
            _sessions = sessions;
            _closer = closer;
            _access = access;
            _assignedClientId = new byte[state.Options.MaxClientIdLength];
        }

        /// <summary>Handles a whole CONNECT; false when it must wait for control output space.</summary>
        public bool Handle(int ci, int offset, int size)
        {
            Connection c = _state.Connections[ci];
            if (!c.Reserve(4))
            {
                return false;
            }
            ConnectPacket p = _connect;
            MqttError error = p.Decode(c.Input, offset, size);
            if (error == MqttError.ConnectProtocolLevelUnsupported || error == MqttError.ConnectProtocolNameLevelMismatch)
            {
                Refuse(ci, ConnectReturnCode.UnacceptableProtocolVersion, BrokerEvent.ConnectRefused); // [MQTT-3.1.2-2]
                return true;
            }
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error); // no CONNACK for a malformed CONNECT [MQTT-3.1.4-1]
                return true;
            }
            c.ProtocolLevel = p.ProtocolLevel;
            byte[] idBuffer = c.Input;
            int idOffset = p.ClientId.Offset;
            int idLength = p.ClientId.Length;
            bool idValid = p.ProtocolLevel == ProtocolLevel.V31
                ? idLength >= 1 && idLength <= 23
                : idLength <= _state.Options.MaxClientIdLength && (idLength > 0 || p.CleanSession); // [MQTT-3.1.3-8]
            if (!idValid)
            {
                Refuse(ci, ConnectReturnCode.IdentifierRejected, BrokerEvent.ConnectRefused); // [MQTT-3.1.3-9]
                return true;
            }
            if (Authenticator != null && p.HasUserName)
            {
                ISteppedAuthenticator stepped = Authenticator as ISteppedAuthenticator;
                if (_state.CredentialsChecked || (stepped != null && stepped.IsBusyFor(ci)))
                {
                    return false; // one password hash step per poll, one check at a time: the CONNECT waits for a later BrokerEngine.Poll
                }
                _state.CredentialsChecked = true;
            }
            int code = Authenticate(ci, p, c.Input);
            if (code == PasswordTable.CheckPending)
            {
                return false; // the password hash runs on at the next BrokerEngine.Poll
            }
            if (code != 0)
            {
                _state.Statistics.AuthenticationFailures++;
                Refuse(ci, (ConnectReturnCode)code, BrokerEvent.AuthenticationFailed);
                return true;
            }
            if (idLength == 0)
            {
                idBuffer = _assignedClientId; // [MQTT-3.1.3-6]
                idOffset = 0;
                idLength = AssignClientId();
            }
            int userNameLength = p.HasUserName ? p.UserName.Length : -1;
            if (p.HasWill && !_access.MayLeaveWill(c.Input, p.WillTopic.Offset, p.WillTopic.Length, idBuffer, idOffset, idLength, c.Input, p.UserName.Offset, userNameLength))
            {
                _state.Statistics.WillsDenied++;
                Refuse(ci, ConnectReturnCode.NotAuthorized, BrokerEvent.WillDenied);
                return true;
            }
            int will = -1;
            if (p.HasWill)
            {
                will = _state.Pool.Allocate(c.Input, p.WillTopic.Offset, p.WillTopic.Length, c.Input, p.WillMessage.Offset, p.WillMessage.Length, p.WillQos);
                if (will < 0)
                {
                    _state.Statistics.DroppedPoolFull++;
                    Refuse(ci, ConnectReturnCode.ServerUnavailable, BrokerEvent.ConnectRefused);
                    return true;
                }
            }
            int s = _sessions.Find(idBuffer, idOffset, idLength);
            if (s >= 0 && _state.Sessions[s].IsOnline)
            {
                _state.Statistics.Takeovers++;
                _closer.Close(_state.Sessions[s].Connection, true, BrokerEvent.SessionTakenOver); // [MQTT-3.1.4-2]; the displaced connection's Will is published
                s = _sessions.Find(idBuffer, idOffset, idLength);
            }
            if (s >= 0 && p.CleanSession)
            {
                _sessions.Discard(s); // [MQTT-3.1.2-6]
                s = -1;
            }
            bool sessionPresent = s >= 0;
            if (s < 0)
            {
                s = _sessions.Create(idBuffer, idOffset, idLength, p.CleanSession);
                if (s < 0)
                {
                    if (will >= 0)
                    {
                        _state.Pool.Release(will);
                    }
                    Refuse(ci, ConnectReturnCode.ServerUnavailable, BrokerEvent.ConnectRefused);
                    return true;
                }
            }
            Session session = _state.Sessions[s];
            session.Bind(ci, c.Input, p.UserName.Offset, userNameLength);
            c.Session = s;
            MarkBridge(s, p.Bridge);
            c.State = ConnectionState.Connected;
            c.KeepAliveMs = p.KeepAlive * 1000L;
            c.Will = will;
            c.WillRetain = p.WillRetain;
            BrokerStatistics statistics = _state.Statistics;
            statistics.ClientsConnected++;
            if (statistics.ClientsConnected > statistics.ClientsMaximum)
            {
                statistics.ClientsMaximum = statistics.ClientsConnected;
            }
            ConnAckPacket ack = _connAck;
            // [MQTT-3.2.2-1], [MQTT-3.2.2-2], [MQTT-3.2.2-3]; the byte is reserved at 3.1
            ack.SessionPresent = sessionPresent && c.ProtocolLevel == ProtocolLevel.V311;
            ack.ReturnCode = ConnectReturnCode.Accepted;
            _state.Written(c, ack.Encode(c.Control, c.ControlEnd));
            _state.Report(BrokerEvent.ClientConnected, ci, c.Input, p.UserName.Offset, p.HasUserName ? p.UserName.Length : 0,
                c.ProtocolLevel | (p.CleanSession ? 1 << 8 : 0) | (p.KeepAlive << 16));
            if (sessionPresent)
            {
                session.MarkAllForResend(); // [MQTT-4.4.0-1]
            }
            return true;
        }

        private void MarkBridge(int s, bool bridge)
        {
            if (bridge && _state.BridgeSessions == null)
            {
                _state.BridgeSessions = new bool[_state.Sessions.Length];
            }
            if (_state.BridgeSessions != null)
            {
                _state.BridgeSessions[s] = bridge;
            }
        }

        /// <summary>The connection closed: a password check it started is dropped.</summary>
        public void Abandon(int ci)
        {
            ISteppedAuthenticator stepped = Authenticator as ISteppedAuthenticator;
            if (stepped != null)
            {
                stepped.Abandon(ci);
            }
        }

        private int Authenticate(int ci, ConnectPacket p, byte[] input)
        {
            BrokerOptions options = _state.Options;
            if (!options.AllowAnonymous && !p.HasUserName)
            {
                return (int)ConnectReturnCode.NotAuthorized;
            }
            if (p.HasUserName && p.UserName.Length > options.MaxUserNameLength)
            {
                return (int)ConnectReturnCode.BadUserNameOrPassword;
            }
            IAuthenticator authenticator = Authenticator;
            if (authenticator == null)
            {
                return 0;
            }
            int userNameLength = p.HasUserName ? p.UserName.Length : -1;
            int passwordLength = p.HasPassword ? p.Password.Length : -1;
            ISteppedAuthenticator stepped = authenticator as ISteppedAuthenticator;
            int code = stepped != null
                ? stepped.Check(ci, input, p.UserName.Offset, userNameLength, p.Password.Offset, passwordLength)
                : authenticator.Authenticate(input, p.ClientId.Offset, p.ClientId.Length, p.UserName.Offset, userNameLength, p.Password.Offset, passwordLength);
            bool known = code >= 0 && code <= (int)ConnectReturnCode.NotAuthorized || (stepped != null && code == PasswordTable.CheckPending);
            return known ? code : (int)ConnectReturnCode.NotAuthorized;
        }

        /// <summary>Answers CONNECT with a non-zero return code and Session Present 0, then closes [MQTT-3.2.2-4], [MQTT-3.2.2-5].
        /// Nothing after the CONNECT is processed [MQTT-3.1.4-5].</summary>
        private void Refuse(int ci, ConnectReturnCode code, BrokerEvent why)
        {
            Connection c = _state.Connections[ci];
            BrokerDiagnostics diagnostics = _state.Diagnostics;
            if (diagnostics != null)
            {
                ConnectPacket p = _connect;
                ByteSlice detail = why == BrokerEvent.WillDenied ? p.WillTopic : p.UserName;
                diagnostics.Send(why, ci, c.Input, p.ClientId.Offset, p.ClientId.Length, c.Input, detail.Offset, why == BrokerEvent.ConnectRefused ? 0 : detail.Length, (int)code);
            }
            ConnAckPacket ack = _connAck;
            ack.SessionPresent = false;
            ack.ReturnCode = code;
            _state.Written(c, ack.Encode(c.Control, c.ControlEnd));
            _state.Statistics.ConnectionsRefused++;
            c.State = ConnectionState.Closing;
        }

        /// <summary>Writes a server-assigned identifier no session uses, "auto-" and a hexadecimal counter; returns its length.</summary>
        private int AssignClientId()
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
                if (_sessions.Find(id, 0, length) < 0)
                {
                    return length;
                }
            }
        }
    }
}
