using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Tests.Platform
{
    [TestClass]
    public class SmokeTests
    {
        [TestMethod]
        public void Levels() => Assert.AreEqual(4, (int)Nano.Mqtt.ProtocolLevel.V311);
    }
}
