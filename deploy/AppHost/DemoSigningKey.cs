using System.Security.Cryptography;

namespace Platform.AppHost;

/// <summary>
/// The token issuer's key pair of the local start: generated once into .data/keys/ (RSA 2048, PEM,
/// readable by this user only) and kept with the rest of the local data, so tokens survive a restart.
/// DEMO ONLY: its name marks it, and a gateway outside Development refuses to start with it.
/// </summary>
internal static class DemoSigningKey
{
    public const string KeyId = "demo-local-signing-key-1";

    /// <summary>The private key's file, created when missing.</summary>
    public static string Ensure(string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "keys");
        var file = Path.Combine(folder, "demo-signing-key.pem");
        if (File.Exists(file))
        {
            return file;
        }

        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, file);
        return file;
    }
}
