// An NFUnitTest for Platform/InterpreterTests.cs, run on the nanoCLR interpreter by
// tools/nanoclr/device-tests.sh --tests <this folder>; never built for .NET.
using System;
using Nano.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Nano.InterpreterFixture
{
    [TestClass]
    public class FixtureTests
    {
        static byte[] s_kept;

        [TestMethod]
        public void Passing_assertion()
        {
            Assert.AreEqual(4, 2 + 2);
        }

        [TestMethod]
        public void Deliberately_failing_assertion()
        {
            Assert.AreEqual(5, 2 + 2, "deliberate failure");
        }

        [TestMethod]
        public void Test_that_throws()
        {
            throw new InvalidOperationException("thrown by the test");
        }

        [TestMethod]
        public void Heap_reading_grows_by_an_allocation()
        {
            int collections = HeapProbe.CollectionCount();
            long before = HeapProbe.AllocatedBytes();
            s_kept = new byte[1000];
            long grown = HeapProbe.AllocatedBytes() - before;
            Assert.AreEqual(collections, HeapProbe.CollectionCount(), "a collection ran");
            Console.WriteLine("allocation of byte[1000]: " + grown.ToString() + " bytes");
            Assert.IsTrue(grown >= 1000 && grown < 1100, "byte[1000] grew the heap reading by " + grown.ToString());
        }

        [DataRow(1, 2, 3)]
        [DataRow(2, 2, 4)]
        [TestMethod]
        public void Data_rows(int a, int b, int sum)
        {
            Assert.AreEqual(sum, a + b);
        }
    }

    [TestClass]
    public class SecondFixture
    {
        [TestMethod]
        public void Passing_in_the_second_class()
        {
            Assert.AreEqual(2, 1 + 1);
        }
    }
}
