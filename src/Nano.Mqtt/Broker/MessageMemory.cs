namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Memory allocated on demand for what does not fit the preallocated buffers (a PC host's large packets and
    /// messages), within one budget of bytes (<see cref="BrokerOptions.MaxMessageMemory"/>). A large PUBLISH is
    /// received into an array of its own size, which then becomes its stored message: one copy, however many
    /// subscribers read it. Exists only when the budget is set, so a device broker allocates nothing for it.
    /// </summary>
    internal sealed class MessageMemory
    {
        private readonly int _budget;
        private int _used;

        /// <summary>Per pool message: the array holding it when it is outside the arena, else null.</summary>
        public readonly byte[][] Blocks;

        /// <summary>The input array of the PUBLISH being handled, which the pool may keep as its message instead of
        /// copying it; the pool sets it to null when it does.</summary>
        public byte[] Offered;

        public MessageMemory(int budget, int messages)
        {
            _budget = budget;
            Blocks = new byte[messages][];
        }

        /// <summary>Bytes allocated and not yet given back.</summary>
        public int Used => _used;

        /// <summary>Whether <paramref name="bytes"/> more can be allocated now.</summary>
        public bool HasRoom(int bytes) => bytes <= _budget - _used;

        /// <summary>A new array of <paramref name="bytes"/>, or null when the budget has no room for it.</summary>
        public byte[] Take(int bytes)
        {
            if (!HasRoom(bytes))
            {
                return null;
            }
            _used += bytes;
            return new byte[bytes];
        }

        /// <summary>Gives back an array from <see cref="Take"/>; the garbage collector frees it once unreferenced.</summary>
        public void Give(byte[] block)
        {
            _used -= block.Length;
        }
    }
}
