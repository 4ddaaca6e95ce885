namespace Nano.Mqtt.Broker
{
    /// <summary>Decides whether a CONNECT may proceed, from slices of the received packet.</summary>
    public interface IAuthenticator
    {
        /// <summary>
        /// Returns the CONNACK return code: 0 to accept, 4 for a bad user name or password, 5 for not
        /// authorised. A length of -1 means the field is absent. The slices are valid only during the call.
        /// </summary>
        int Authenticate(byte[] buffer, int clientIdOffset, int clientIdLength, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength);
    }
}
