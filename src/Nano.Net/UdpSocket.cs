using System.Net;
using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>The UDP socket life cycle shared by the MQTT-SN gateway endpoint and the MQTT-SN client transport, with
    /// only the Socket members common to nanoFramework and .NET.</summary>
    internal static class UdpSocket
    {
        /// <summary>A socket that may send broadcasts, bound to <paramref name="bind"/>:<paramref name="port"/> (0 = any
        /// free port, reported in <paramref name="boundPort"/>); a SocketException propagates with the socket closed.</summary>
        public static Socket Open(IPAddress bind, int port, out int boundPort)
        {
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
                socket.Bind(new IPEndPoint(bind, port));
                boundPort = ((IPEndPoint)socket.LocalEndPoint).Port;
            }
            catch (SocketException)
            {
                socket.Close();
                throw;
            }
            return socket;
        }

        /// <summary>True when a datagram waits, an empty one included. Not Available: that is the size of the next
        /// datagram, 0 for an empty one, which would then never be read and hold back every datagram behind it.</summary>
        public static bool HasDatagram(Socket socket) => socket.Poll(0, SelectMode.SelectRead);

        /// <summary>Closes <paramref name="socket"/>; closing a failed socket can report the failure again, and it is
        /// released either way.</summary>
        public static void Close(Socket socket)
        {
            try
            {
                socket.Close();
            }
            catch (SocketException)
            {
            }
        }
    }
}
