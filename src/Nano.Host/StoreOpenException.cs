using System;
using System.IO;

namespace Nano.Host
{
    /// <summary>The persistence file could not be opened, read or written at start-up; the message names it.</summary>
    public sealed class StoreOpenException : IOException
    {
        public StoreOpenException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
