namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Input for packets larger than a connection's own buffer. Either buffers of the maximum packet size shared by
    /// all connections, which a connection borrows until its packet has been handled (the single poll loop rarely
    /// has more than a few such packets part-way through at once), or, with a <see cref="MessageMemory"/> budget,
    /// an array of the packet's own size allocated for it and given back after it (or kept as its stored message).
    /// </summary>
    internal sealed class LargeInputBuffers
    {
        /// <summary><see cref="Connection.LargeInput"/> of an input array allocated for its packet.</summary>
        public const int Grown = int.MaxValue;

        /// <summary><see cref="Connection.LargeInput"/> of an input array the pool has kept as a stored message.</summary>
        public const int KeptAsMessage = int.MaxValue - 1;

        /// <summary>The shared buffers; a lent one is null until given back.</summary>
        private readonly byte[][] _buffers;
        private readonly MessageMemory _memory;

        public LargeInputBuffers(int count, int size, MessageMemory memory)
        {
            _memory = memory;
            _buffers = new byte[memory != null ? 0 : count][];
            for (int i = 0; i < _buffers.Length; i++)
            {
                _buffers[i] = new byte[size];
            }
        }

        /// <summary>Moves the connection's received bytes into a buffer for its packet of <paramref name="packetSize"/>
        /// bytes; false when none is free or the memory budget has no room (the connection is then left unread).</summary>
        public bool Borrow(Connection c, int packetSize)
        {
            byte[] large;
            int id = Grown;
            if (_memory != null)
            {
                large = _memory.Take(packetSize);
                if (large == null)
                {
                    return false;
                }
            }
            else
            {
                id = 0;
                while (id < _buffers.Length && _buffers[id] == null)
                {
                    id++;
                }
                if (id == _buffers.Length)
                {
                    return false;
                }
                large = _buffers[id];
                _buffers[id] = null;
            }
            System.Array.Copy(c.Input, 0, large, 0, c.InputLength);
            c.Input = large;
            c.LargeInput = id;
            return true;
        }

        /// <summary>The pool kept the connection's input array as the message of the PUBLISH just handled: it is no
        /// longer the connection's to give back.</summary>
        public void Keep(Connection c)
        {
            c.LargeInput = KeptAsMessage;
        }

        /// <summary>Moves the received bytes back to the connection's own buffer (they must fit) and gives back the large one.</summary>
        public void Return(Connection c)
        {
            int id = c.LargeInput;
            if (id < 0)
            {
                return;
            }
            System.Array.Copy(c.Input, 0, c.InlineInput, 0, c.InputLength);
            if (id == Grown)
            {
                _memory.Give(c.Input);
            }
            else if (id != KeptAsMessage)
            {
                _buffers[id] = c.Input;
            }
            c.LargeInput = -1;
            c.Input = c.InlineInput;
        }

        /// <summary>Gives back the large buffer of a closed connection, dropping its bytes.</summary>
        public void Release(Connection c)
        {
            c.InputLength = 0;
            Return(c);
        }
    }
}
