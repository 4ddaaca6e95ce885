using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Test output, written to the console of the device or interpreter.</summary>
    public static class OutputHelper
    {
        public static void Write(string message)
        {
            Console.Write(message);
        }

        public static void WriteLine(string message)
        {
            Console.WriteLine(message);
        }
    }
}
