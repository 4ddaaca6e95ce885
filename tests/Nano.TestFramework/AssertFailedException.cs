using System;

// nanoFramework.TestFramework declares this exception in this namespace, not in nanoFramework.TestFramework.
namespace TestFrameworkShared
{
    /// <summary>Thrown by a failed assertion.</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException()
        {
        }

        public AssertFailedException(string message)
            : base(message)
        {
        }

        public AssertFailedException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
