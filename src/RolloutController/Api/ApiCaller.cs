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
        var presented = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        // Constant-time comparison so response timing does not leak how much of a token matched.
        return options.CurrentValue.Tokens.FirstOrDefault(t =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t.Token), presented));
    }

    public bool ReadsNeedToken => options.CurrentValue.RequireTokenForReads;
}
