namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// An <see cref="IAuthenticator"/> whose check of a CONNECT runs in bounded steps over <see cref="BrokerEngine.Poll"/>
    /// calls, one check at a time, so a slow password hash does not hold the poll loop (see <see cref="PasswordTable"/>).
    /// </summary>
    public interface ISteppedAuthenticator : IAuthenticator
    {
        /// <summary>
        /// Runs one step of the check of <paramref name="connection"/>'s CONNECT; <see cref="PasswordTable.CheckPending"/>
        /// while it runs on (call again with the same CONNECT after the next poll), else the CONNACK return code. A length
        /// of -1 means the field is absent; the slices are valid only during the call.
        /// </summary>
        int Check(int connection, byte[] buffer, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength);

        /// <summary>Whether a check started by another connection than <paramref name="connection"/> is running.</summary>
        bool IsBusyFor(int connection);

        /// <summary>Drops the check of <paramref name="connection"/>, whose connection closed before it finished.</summary>
        void Abandon(int connection);
    }
}
