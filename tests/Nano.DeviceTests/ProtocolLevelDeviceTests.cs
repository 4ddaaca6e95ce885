#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt;

namespace Nano.DeviceTests
{
    [TestClass]
    public class ProtocolLevelDeviceTests
    {
        [TestMethod]
        public void Protocol_levels_are_the_CONNECT_level_bytes()
        {
            Assert.AreEqual((byte)3, ProtocolLevel.V31);
            Assert.AreEqual((byte)4, ProtocolLevel.V311);
            Assert.AreEqual((byte)5, ProtocolLevel.V50);
        }
    }
}
