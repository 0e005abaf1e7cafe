using System.Security.Cryptography;
using System.Text;

namespace RolloutController.Api;

/// <summary>Finds the configured token a request presented. Pure.</summary>
internal static class ApiTokenMatcher
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The token after <c>Bearer </c> (scheme case-insensitive), trimmed; null for no header or another scheme.</summary>
    public static string? Presented(string? authorization) =>
        authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;

    /// <summary>The configured token equal to <paramref name="presented"/>, or null.</summary>
    public static ApiToken? Match(IReadOnlyList<ApiToken> tokens, string presented)
    {
        // Digests of equal length, compared in constant time against every token: response timing leaks neither how much
        // of a token matched, nor its length, nor which configured token it was.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiToken? match = null;
        foreach (var token in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token.Token)), digest))
                match ??= token;
        }
        return match;
    }
}
