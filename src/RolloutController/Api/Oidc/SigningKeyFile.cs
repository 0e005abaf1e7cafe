using Microsoft.IdentityModel.Tokens;

namespace RolloutController.Api.Oidc;

/// <summary>
/// The signing keys of <see cref="OidcOptions.SigningKeysFile"/>, read again when the file's modification time changes
/// (a key rotation needs no restart). A file that cannot be read or parsed keeps the last keys read and the error is
/// returned with them; at start-up the options validator refuses such a file.
/// </summary>
internal sealed class SigningKeyFile(string path)
{
    private readonly Lock _gate = new();
    private DateTime _readAt = DateTime.MinValue;
    private IReadOnlyList<SecurityKey> _keys = [];

    public IReadOnlyList<SecurityKey> Keys()
    {
        lock (_gate)
        {
            var modified = File.GetLastWriteTimeUtc(path);
            if (modified != _readAt && TryRead(path, out var keys, out _))
                (_keys, _readAt) = (keys, modified);
            return _keys;
        }
    }

    /// <summary>Reads a JSON Web Key Set file: at least one key, or an error saying what is wrong with it.</summary>
    public static bool TryRead(string path, out IReadOnlyList<SecurityKey> keys, out string? error)
    {
        keys = [];
        try
        {
            var set = new JsonWebKeySet(File.ReadAllText(path));
            keys = [.. set.GetSigningKeys()];
            error = keys.Count == 0 ? "holds no usable signing key (expected {\"keys\": [ {\"kty\": \"RSA\", \"n\": ..., \"e\": ...} ]})" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            error = e is IOException or UnauthorizedAccessException ? $"cannot be read: {e.Message}" : "is not a JSON Web Key Set ({\"keys\": [...]})";
        }
        return error is null;
    }
}
