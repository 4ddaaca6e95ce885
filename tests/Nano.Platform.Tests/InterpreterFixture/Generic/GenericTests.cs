// An NFUnitTest for Platform/InterpreterTests.cs that uses a generic type, which the
// nanoFramework 1.x interpreter cannot run; never built for .NET.
using nanoFramework.TestFramework;

namespace Nano.InterpreterFixture
{
    [TestClass]
    public class GenericTests
    {
        [TestMethod]
        public void Generic_type()
        {
            Box<int> box = new Box<int>();
            box.Value = 7;
            Assert.AreEqual(7, box.Value);
        }
    }

    public class Box<T>
    {
        public T Value;
    }
}
