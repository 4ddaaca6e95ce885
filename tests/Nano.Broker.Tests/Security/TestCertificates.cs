using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nano.Broker.Tests.Security
{
    /// <summary>A test CA and server certificates made with CertificateRequest (also compiled into Nano.Client.Tests).</summary>
    internal static class TestCertificates
    {
        private static readonly DateTimeOffset From = DateTimeOffset.UtcNow.AddDays(-1);
        private static readonly DateTimeOffset To = DateTimeOffset.UtcNow.AddDays(30);

        public static X509Certificate2 CreateCa(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            return request.CreateSelfSigned(From, To);
        }

        /// <summary>A server certificate for "localhost" and 127.0.0.1 signed by <paramref name="ca"/>, with its private key.</summary>
        public static X509Certificate2 CreateServer(X509Certificate2 ca)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            using X509Certificate2 signed = request.Create(ca, From, To, serial);
            using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }
}
