using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Nano.Net;

namespace Nano.Net.Desktop
{
    /// <summary>
    /// The .NET TLS platform adapter: a server certificate for the broker's TLS listener, and server
    /// verification for client connections against the system trust store or a given CA.
    /// </summary>
    public sealed class SslStreamTls : ITlsServer, ITlsClient
    {
        private readonly X509Certificate2 _certificate;
        private readonly X509Certificate2 _ca;

        /// <summary>An adapter that serves <paramref name="certificate"/> (with its private key; null for client use only)
        /// and trusts <paramref name="ca"/> when verifying servers (null = the system trust store).</summary>
        public SslStreamTls(X509Certificate2 certificate, X509Certificate2 ca)
        {
            _certificate = certificate;
            _ca = ca;
        }

        /// <summary>Accept a server certificate that chains to the CA but carries another name (Mosquitto's
        /// <c>bridge_insecure</c>: for tests only, it lets anyone holding a certificate from the CA pose as the server).</summary>
        public bool IgnoreNameMismatch { get; set; }

        /// <summary>Loads PEM files: the server certificate and key (both null for client use only) and an optional CA.</summary>
        public static SslStreamTls Load(string certFile, string keyFile, string caFile)
        {
            X509Certificate2 certificate = null;
            if (certFile != null)
            {
                using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
                // Exported and re-imported so that SChannel on Windows can use the ephemeral PEM key; harmless elsewhere.
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            X509Certificate2 ca = caFile == null ? null : X509CertificateLoader.LoadCertificateFromFile(caFile);
            return new SslStreamTls(certificate, ca);
        }

        /// <inheritdoc />
        public ITlsChannel Accept(Socket socket)
        {
            if (_certificate == null)
            {
                return null;
            }
            var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            Task handshake = stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                ClientCertificateRequired = false,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
            return new SslStreamChannel(stream, handshake);
        }

        /// <inheritdoc />
        /// <remarks>Returns at once: the handshake runs on .NET's asynchronous SslStream while the caller polls the
        /// channel's <see cref="ITlsChannel.Handshake"/>.</remarks>
        public ITlsChannel Connect(Socket socket, string targetHost)
        {
            var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false, Verify);
            Task handshake = stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
            return new SslStreamChannel(stream, handshake);
        }

        /// <summary>Accepts a server certificate that chains to the configured CA (or the system store) and carries the target
        /// name (unless <see cref="IgnoreNameMismatch"/>).</summary>
        private bool Verify(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }
            SslPolicyErrors excused = SslPolicyErrors.RemoteCertificateChainErrors | (IgnoreNameMismatch ? SslPolicyErrors.RemoteCertificateNameMismatch : SslPolicyErrors.None);
            if (certificate == null || (errors & ~excused) != SslPolicyErrors.None)
            {
                return false; // a missing certificate is never excused, nor a name mismatch unless asked
            }
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0)
            {
                return true;
            }
            if (_ca == null)
            {
                return false;
            }
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.Add(_ca);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(certificate);
            return custom.Build(leaf);
        }
    }
}
