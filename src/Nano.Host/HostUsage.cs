namespace Nano.Host
{
    /// <summary>The host's <c>--help</c> text.</summary>
    internal static class HostUsage
    {
        /// <summary>Options, limits and bridge keys, in the order <c>--help</c> prints them.</summary>
        internal static readonly string Text = Options + "Limits:\n" + HostLimits.Usage + "  -h, --help                            show this text\n" + BridgeUsage;

        private const string Options =
@"Usage: Nano.Host [options]
Runs the Nano MQTT 3.1/3.1.1 broker. Options use Mosquitto's configuration names; each may also be
written as a line 'key value' in a configuration file given with -c.

  -c <file>                             read options from a configuration file
  -p, --port <port>                     TCP port (default 1883; 0 picks a free port)
  --bind <address>                      address to listen on (default 127.0.0.1; alias bind_address)
  --listener ""<port> [address]""         port and address in one option
  --max_connections <n>                 concurrent connections (default 4096)
  --max_inflight_messages <n>           unacknowledged QoS 1/2 messages per client (default 20)
  --max_queued_messages <n>             messages queued per client behind the inflight window (default 1000)
  --max_queued_bytes <bytes>            bytes of topic and payload queued per client, 0 = no limit (default 0)
  --queue_full_policy backpressure|drop what a PUBLISH meets when a connected subscriber's queue or the message
                                        pool is full: it waits unacknowledged and the publisher is not read
                                        (backpressure), or it is acknowledged and the excess dropped and
                                        counted (drop) (default backpressure; see slow_consumer_timeout)
  --queue_qos0_messages true|false      queue QoS 0 messages for offline clients (default false)
  --persistent_client_expiration <t>    drop offline persistent sessions after t: seconds, or a number
                                        with unit h, d, w, m (30 days) or y, e.g. 1h, 2d (default never)
  --message_size_limit <bytes>          largest packet accepted, fixed header included (default 268435460:
                                        every packet MQTT 3.1.1 allows); memory is taken as packets arrive,
                                        within max_message_memory
  --allow_anonymous true|false          accept clients without a user name (default true)
  --password_file <file>                Mosquitto password file: 'user:$7$...' (PBKDF2-SHA512, as mosquitto_passwd
                                        writes), 'user:$6$...' (salted SHA-512) or 'user:$pbkdf2-sha256$...'
                                        lines checked at CONNECT; write them with 'Nano.Host passwd [-c|-D|-b|-U]
                                        <file> <user>'; clear-text 'user:password' lines are accepted with a warning
  --acl_file <file>                     topic access rules: 'user <name>', 'topic [read|write|readwrite|deny]
                                        <filter>', 'pattern [read|write|readwrite|deny] <filter>' (%c, %u);
                                        deny overrides any allow, as in Mosquitto 2
  --tls_port <port>                     TLS port, served when certfile and keyfile are given (default 8883)
  --certfile <file>                     PEM certificate of the TLS listener
  --keyfile <file>                      PEM private key of that certificate
  --cafile <file>                       PEM CA certificate (for the certificate chain)
  --persistence true|false              keep persistent sessions, retained messages and QoS 1/2 state in a
                                        log synced before every acknowledgement (default false)
  --persistence_location <dir>          directory of the store (default: the working directory)
  --persistence_file <name>             file name of the store (default nano.db)
  --sys_interval <seconds>              $SYS statistics interval, 0 = off (default 10)
  --sn_port <port>                      UDP port of the MQTT-SN 1.2 gateway, 0 = off (default 1884, or a
                                        free port when --port is 0)
  --serial <port>                       serial port of a radio module for MQTT-SN nodes (e.g. /dev/ttyUSB0)
  --radio xbee|xbee2|twelite|slip|cobs  the radio's framing (default xbee2: XBee API mode 2)
  --baud <n>                            baud rate of --serial (default 9600)
  --simulate-nodes <n>                  run n simulated sleeping sensor nodes on an in-memory radio of the
                                        --radio family; they publish sensors/<i>/temperature at QoS 1
  --log_type <type>                     error, warning, notice, information, debug, subscribe,
                                        unsubscribe, all or none; repeat to add (default error, warning,
                                        notice, information)
  --log_dest <dest>                     stdout, stderr or ""file <path>""; repeat to add (default stderr)
  --connection_messages true|false      log client connections and disconnections (default true)
" + GatewayOptionsParser.Usage;

        private const string BridgeUsage = @"
Bridges to upstream brokers are 'connection <name>' blocks in a -c file, in Mosquitto's vocabulary:
address, topic, cleansession, local_clientid, remote_clientid, remote_username, remote_password,
local_username, local_password, keepalive_interval, restart_timeout, bridge_protocol_version,
try_private, notifications, notification_topic, bridge_cafile, bridge_insecure, start_type,
bridge_max_packet_size (see README, ""Bridging to an upstream broker"").
";
    }
}
