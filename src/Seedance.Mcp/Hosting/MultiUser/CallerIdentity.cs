using System.Security.Cryptography;
using System.Text;

namespace Seedance.Mcp.Hosting.MultiUser;

/// <summary>
/// Turns a caller's provider key into the owner id their rows and files are kept under: a keyed hash (HMAC-SHA256 with the
/// server's secret), so the id can be stored and logged while the key cannot be recovered from it, nor the id computed by
/// someone who has the database but not the secret. Every instance serving the same users needs the same secret.
/// </summary>
internal sealed class CallerIdentity
{
    /// <summary>The environment variable holding the secret (at least 32 characters), shared by all instances.</summary>
    public const string SecretVariable = "SEEDANCE_SERVER_SECRET";

    private const int MinimumSecretLength = 32;

    private readonly byte[] _secret;

    public CallerIdentity(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"The server secret must be at least {MinimumSecretLength} bytes.", nameof(secret));
        }

        _secret = secret;
    }

    /// <summary>
    /// The secret from <see cref="SecretVariable"/>, or else the one kept in <paramref name="fallbackFile"/> (made on first use,
    /// readable by this user only): enough for instances sharing one machine's data folder.
    /// </summary>
    public static CallerIdentity Load(Func<string, string?> environment, string fallbackFile)
    {
        if (environment(SecretVariable) is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured.Trim());
            return bytes.Length >= MinimumSecretLength
                ? new CallerIdentity(bytes)
                : throw new ArgumentException($"{SecretVariable} must be at least {MinimumSecretLength} characters (it keys the owner ids).");
        }

        return new CallerIdentity(ReadOrCreate(fallbackFile));
    }

    /// <summary>The owner id of <paramref name="providerKey"/>: <c>u</c> and 32 hex digits.</summary>
    public string OwnerOf(string providerKey)
    {
        var mac = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("seedance-owner\n" + providerKey));
        return "u" + Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>Signs <paramref name="text"/> with a key derived from the secret (for links and request states shared by instances).</summary>
    public byte[] Sign(string purpose, string text) =>
        HMACSHA256.HashData(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("seedance-purpose\n" + purpose)), Encoding.UTF8.GetBytes(text));

    private static byte[] ReadOrCreate(string path)
    {
        path = Path.GetFullPath(path);
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length >= MinimumSecretLength)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(secret);
        }

        try
        {
            // Two instances starting at once: the first one's secret wins, the second reads it.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }

        return File.ReadAllBytes(path);
    }
}
