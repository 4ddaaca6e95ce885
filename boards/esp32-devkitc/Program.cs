using System.Diagnostics;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;

namespace Nano.Boards.Esp32DevKitC
{
    public static class Program
    {
        public static void Main()
        {
            // UART2 has no pins until they are assigned; do it before any SerialPort is opened.
            Configuration.SetPinFunction(BoardConfig.RadioRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(BoardConfig.RadioTxPin, DeviceFunction.COM2_TX);

            bool online = WifiNetworkHelper.ConnectDhcp(BoardConfig.WifiSsid, BoardConfig.WifiPassword);
            Debug.WriteLine(online ? "Wi-Fi up" : "Wi-Fi failed: " + WifiNetworkHelper.Status);
            Debug.WriteLine("managed heap free: " + nanoFramework.Runtime.Native.GC.Run(true));

            Thread.Sleep(Timeout.Infinite);
        }
    }
}
