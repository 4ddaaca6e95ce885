using System.Diagnostics;
using System.Threading;
using nanoFramework.Networking;

namespace Nano.Boards
{
    /// <summary>
    /// Joins a Wi-Fi network on its own thread, so the caller's loop keeps running. Each attempt is bounded by
    /// a timeout: WifiNetworkHelper.ConnectDhcp without a token never returns on a wrong password or a missing
    /// access point. A failed attempt is retried after 2 s, then 4, 8 … up to 60 s. Once joined, the ESP32
    /// reconnects by itself after a drop (WifiReconnectionKind.Automatic).
    /// </summary>
    internal sealed class WifiStation
    {
        private const int FirstRetryMs = 2000;
        private const int MaxRetryMs = 60000;

        private readonly string _ssid;
        private readonly string _password;
        private readonly bool _requiresDateTime;
        private readonly int _attemptTimeoutMs;
        private readonly ManualResetEvent _joined = new ManualResetEvent(false);

        /// <param name="requiresDateTime">Also wait for the clock (SNTP): TLS certificate checks fail until it is set.</param>
        public WifiStation(string ssid, string password, bool requiresDateTime, int attemptTimeoutMs)
        {
            _ssid = ssid;
            _password = password;
            _requiresDateTime = requiresDateTime;
            _attemptTimeoutMs = attemptTimeoutMs;
        }

        /// <summary>True once an address (and, if required, the time) was obtained.</summary>
        public bool IsJoined => _joined.WaitOne(0, false);

        /// <summary>Starts joining in the background.</summary>
        public void Start()
        {
            new Thread(Join).Start();
        }

        /// <summary>Blocks until joined.</summary>
        public void WaitJoined()
        {
            _joined.WaitOne();
        }

        private void Join()
        {
            int retryMs = FirstRetryMs;
            while (!TryOnce())
            {
                Debug.WriteLine("Wi-Fi: no connection (status " + (int)WifiNetworkHelper.Status + "), next try in " + retryMs + " ms");
                Thread.Sleep(retryMs);
                retryMs = retryMs > MaxRetryMs / 2 ? MaxRetryMs : retryMs * 2;
            }

            Debug.WriteLine("Wi-Fi: joined " + _ssid);
            _joined.Set();
        }

        private bool TryOnce()
        {
            using (var timeout = new CancellationTokenSource(_attemptTimeoutMs))
            {
                return WifiNetworkHelper.ConnectDhcp(_ssid, _password, requiresDateTime: _requiresDateTime, token: timeout.Token);
            }
        }
    }
}
