using System;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework 3.0.80. A failed assertion throws
    /// <see cref="AssertFailedException"/> with "Assert.Name failed. " and the details.
    /// </summary>
    public static class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(byte expected, byte actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(char expected, char actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(sbyte expected, sbyte actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(short expected, short actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(ushort expected, ushort actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(uint expected, uint actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(ulong expected, ulong actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(float expected, float actual, string message = "")
        {
            if (!(expected == actual || (expected != expected && actual != actual)))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(double expected, double actual, string message = "")
        {
            if (!(expected == actual || (expected != expected && actual != actual)))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(string expected, string actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(DateTime expected, DateTime actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!AreEquivalent(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(bool notExpected, bool actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(byte notExpected, byte actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(char notExpected, char actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(short notExpected, short actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(ushort notExpected, ushort actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(int notExpected, int actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(uint notExpected, uint actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(long notExpected, long actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(float notExpected, float actual, string message = "")
        {
            if (notExpected == actual || (notExpected != notExpected && actual != actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(double notExpected, double actual, string message = "")
        {
            if (notExpected == actual || (notExpected != notExpected && actual != actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(string notExpected, string actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void AreNotEqual(object notExpected, object actual, string message = "")
        {
            if (AreEquivalent(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. ", message);
            }
        }

        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", string.Empty, message);
            }
        }

        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", string.Empty, message);
            }
        }

        public static void IsNull(object value, string message = "")
        {
            if (value != null)
            {
                Fail("Assert.IsNull", "Actual:<" + Show(value) + ">. ", message);
            }
        }

        public static void IsNotNull(object value, string message = "")
        {
            if (value == null)
            {
                Fail("Assert.IsNotNull", string.Empty, message);
            }
        }

        public static void AreSame(object expected, object actual, string message = "")
        {
            if (ReferenceEquals(expected, actual))
            {
                return;
            }

            if (expected is ValueType && actual is ValueType)
            {
                Fail("Assert.AreSame", "Do not pass value types to AreSame(): boxed values are never the same object. Use AreEqual(). ", message);
            }

            Fail("Assert.AreSame", string.Empty, message);
        }

        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("Assert.AreNotSame", string.Empty, message);
            }
        }

        public static void IsInstanceOfType(object value, Type expectedType, string message = "")
        {
            if (value == null || !IsOfType(value, expectedType))
            {
                Fail("Assert.IsInstanceOfType", "Expected type:<" + Show(expectedType) + ">. Actual type:<" + (value == null ? "(null)" : value.GetType().FullName) + ">. ", message);
            }
        }

        public static void IsNotInstanceOfType(object value, Type wrongType, string message = "")
        {
            if (value != null && IsOfType(value, wrongType))
            {
                Fail("Assert.IsNotInstanceOfType", "Wrong type:<" + Show(wrongType) + ">. Actual type:<" + value.GetType().FullName + ">. ", message);
            }
        }

        public static void Contains(string expected, string value, string message = "")
        {
            if (value == null || expected == null || value.IndexOf(expected) < 0)
            {
                Fail("Assert.Contains", "'" + Show(value) + "' does not contain '" + Show(expected) + "'. ", message);
            }
        }

        public static void DoesNotContains(string notExpected, string value, string message = "")
        {
            if (value != null && notExpected != null && value.IndexOf(notExpected) >= 0)
            {
                Fail("Assert.DoesNotContains", "'" + value + "' should not contain '" + notExpected + "'. ", message);
            }
        }

        public static void StartsWith(string expected, string value, string message = "")
        {
            if (value == null || expected == null || !value.StartsWith(expected))
            {
                Fail("Assert.StartsWith", "'" + Show(value) + "' does not start with '" + Show(expected) + "'. ", message);
            }
        }

        public static void EndsWith(string expected, string value, string message = "")
        {
            if (value == null || expected == null || !value.EndsWith(expected))
            {
                Fail("Assert.EndsWith", "'" + Show(value) + "' does not end with '" + Show(expected) + "'. ", message);
            }
        }

        /// <summary>Passes when <paramref name="action"/> throws exactly <paramref name="exception"/> (not a subclass).</summary>
        public static void ThrowsException(Type exception, Action action, string message = "")
        {
            Exception thrown = null;
            try
            {
                action();
            }
            catch (Exception ex)
            {
                thrown = ex;
            }

            if (thrown == null)
            {
                Fail("Assert.ThrowsException", "No exception thrown. " + exception.Name + " exception was expected. ", message);
            }
            else if (thrown.GetType() != exception)
            {
                Fail("Assert.ThrowsException", "Threw exception " + thrown.GetType().Name + ", but exception " + exception.Name + " was expected. Exception message: " + thrown.Message + ". ", message);
            }
        }

        public static void SkipTest(string message = null)
        {
            throw new SkipTestException(message);
        }

        internal static void Fail(string assertion, string detail, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + detail + message);
        }

        internal static bool AreEquivalent(object expected, object actual)
        {
            return expected == null ? actual == null : expected.Equals(actual);
        }

        internal static string Show(object value)
        {
            return value == null ? "(null)" : value.ToString();
        }

        static bool IsOfType(object value, Type type)
        {
            for (Type t = value.GetType(); t != null; t = t.BaseType)
            {
                if (t == type)
                {
                    return true;
                }
            }

            Type[] interfaces = value.GetType().GetInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i] == type)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
