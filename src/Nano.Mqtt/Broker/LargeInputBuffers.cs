namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Input buffers of the maximum packet size shared by all connections: a connection whose packet does
    /// not fit its own small buffer borrows one until the packet has been handled. The single poll loop
    /// rarely has more than a few such packets part-way through at once.
    /// </summary>
    internal sealed class LargeInputBuffers
    {
        private readonly byte[][] _buffers;
        private readonly bool[] _lent;

        public LargeInputBuffers(int count, int size)
        {
            _buffers = new byte[count][];
            _lent = new bool[count];
            for (int i = 0; i < count; i++)
            {
                _buffers[i] = new byte[size];
            }
        }

        /// <summary>Moves the connection's received bytes into a large buffer; false when none is free.</summary>
        public bool Borrow(Connection c)
        {
            for (int i = 0; i < _buffers.Length; i++)
            {
                if (!_lent[i])
                {
                    _lent[i] = true;
                    System.Array.Copy(c.Input, 0, _buffers[i], 0, c.InputLength);
                    c.Input = _buffers[i];
                    c.LargeInput = i;
                    return true;
                }
            }
            return false;
        }

        /// <summary>Moves the received bytes back to the connection's own buffer (they must fit) and frees the large one.</summary>
        public void Return(Connection c)
        {
            if (c.LargeInput < 0)
            {
                return;
            }
            System.Array.Copy(c.Input, 0, c.InlineInput, 0, c.InputLength);
            _lent[c.LargeInput] = false;
            c.LargeInput = -1;
            c.Input = c.InlineInput;
        }

        /// <summary>Frees the large buffer of a closed connection, dropping its bytes.</summary>
        public void Release(Connection c)
        {
            c.InputLength = 0;
            Return(c);
        }
    }
}
