using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>Resolves the bearer token of a request to a named caller with roles.</summary>
internal sealed class ApiCaller(IOptionsMonitor<ApiOptions> options)
{
    public ApiToken? Resolve(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        // Digests of equal length, compared in constant time against every token: response timing leaks neither how much
        // of a token matched, nor its length, nor which configured token it was.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()));
        ApiToken? match = null;
        foreach (var token in options.CurrentValue.Tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token.Token)), presented))
                match ??= token;
        }
        return match;
    }

    public bool ReadsNeedToken => options.CurrentValue.RequireTokenForReads;
}
