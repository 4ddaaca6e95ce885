using System;

namespace nanoFramework.TestFramework
{
    /// <summary>A class holding tests.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    /// <summary>A test, invoked with a null target.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Runs once per class, before its tests; a skipped setup skips the class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once per class, after its tests.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute
    {
    }

    /// <summary>One run of a parameterised test with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    /// <summary>Thrown by a test (or Assert.SkipTest) to report it as skipped.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null)
            : base(message, innerException)
        {
        }
    }
}
