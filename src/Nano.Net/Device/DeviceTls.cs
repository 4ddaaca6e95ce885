using System;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Nano.Net
{
    /// <summary>
    /// The nanoFramework TLS platform adapter (System.Net <c>SslStream(Socket)</c>, mbedTLS underneath). Built only
    /// by Nano.Net.nfproj: nanoFramework's SslStream has no overload in common with .NET's, so the SDK project
    /// excludes this folder. The handshake blocks the poll loop (there is no asynchronous variant on the device),
    /// each socket read bounded by the socket's receive timeout. Each session needs about 2 x 16.7 KB of native heap.
    /// </summary>
    public sealed class DeviceTls : ITlsServer, ITlsClient
    {
        private readonly X509Certificate _certificate;
        private readonly X509Certificate _ca;

        /// <summary>An adapter serving <paramref name="certificate"/> (an X509Certificate2 with its private key, e.g. from PEM
        /// text; null for client use only) and verifying servers against <paramref name="ca"/> (null = the device's CA store).</summary>
        public DeviceTls(X509Certificate certificate, X509Certificate ca)
        {
            _certificate = certificate;
            _ca = ca;
        }

        /// <summary>TLS versions offered; TLS 1.2 by default.</summary>
        public SslProtocols Protocols = SslProtocols.Tls12;

        /// <inheritdoc />
        public ITlsChannel Accept(Socket socket)
        {
            if (_certificate == null)
            {
                return null;
            }
            SslStream stream = new SslStream(socket);
            try
            {
                // The two-argument overload keeps the default CertificateRequired, which would demand client certificates.
                stream.SslVerification = SslVerification.NoVerification;
                stream.AuthenticateAsServer(_certificate, Protocols);
            }
            catch (Exception)
            {
                // Any handshake failure (a plain-TCP client, a wrong protocol, no native context) refuses the connection.
                CloseQuietly(stream);
                return null;
            }
            return new DeviceTlsChannel(stream, socket);
        }

        /// <inheritdoc />
        public ITlsChannel Connect(Socket socket, string targetHost)
        {
            SslStream stream = new SslStream(socket);
            try
            {
                stream.SslVerification = SslVerification.CertificateRequired;
                if (_ca != null)
                {
                    stream.AuthenticateAsClient(targetHost, null, _ca, Protocols);
                }
                else
                {
                    stream.AuthenticateAsClient(targetHost, Protocols);
                }
            }
            catch (Exception)
            {
                // A certificate that does not verify or name the host, or any other handshake failure, fails the dial.
                CloseQuietly(stream);
                return null;
            }
            return new DeviceTlsChannel(stream, socket);
        }

        internal static void CloseQuietly(SslStream stream)
        {
            try
            {
                stream.Close();
            }
            catch (Exception)
            {
                // Closing a failed session can report the failure again; the socket is released either way.
            }
        }
    }
}
