using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>
/// A local OpenID Connect issuer: an RSA key whose public half is written as a JSON Web Key Set file, and tokens signed
/// with it (or with another key, or unsigned). No network: the controller reads the key file.
/// </summary>
public sealed class TestOidc : IDisposable
{
    public const string Issuer = "https://login.example.test/realms/eng";
    public const string Audience = "rollout-controller";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);

    public TestOidc(string directory)
    {
        KeysFile = Path.Combine(directory, "jwks.json");
        var p = _key.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "test-key",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        File.WriteAllText(KeysFile, JsonSerializer.Serialize(new { keys = new[] { jwk } }));
    }

    /// <summary>The JSON Web Key Set file holding the public key.</summary>
    public string KeysFile { get; }

    /// <summary>
    /// Configuration turning OIDC on: <c>groups</c> claim <c>rollout-admins</c> → admin, <c>payments-oncall</c> → operator
    /// for team-payments, <c>release-managers</c> → release-manager for every owner.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["RolloutController:Api:Oidc:Issuer"] = Issuer,
        ["RolloutController:Api:Oidc:Audience"] = Audience,
        ["RolloutController:Api:Oidc:SigningKeysFile"] = KeysFile,
        ["RolloutController:Api:Oidc:NameClaim"] = "email",
        ["RolloutController:Api:Oidc:RoleMappings:0:Claim"] = "groups",
        ["RolloutController:Api:Oidc:RoleMappings:0:Value"] = "rollout-admins",
        ["RolloutController:Api:Oidc:RoleMappings:0:Role"] = "admin",
        ["RolloutController:Api:Oidc:RoleMappings:1:Claim"] = "groups",
        ["RolloutController:Api:Oidc:RoleMappings:1:Value"] = "payments-oncall",
        ["RolloutController:Api:Oidc:RoleMappings:1:Role"] = "operator",
        ["RolloutController:Api:Oidc:RoleMappings:1:Team"] = "team-payments",
        ["RolloutController:Api:Oidc:RoleMappings:2:Claim"] = "groups",
        ["RolloutController:Api:Oidc:RoleMappings:2:Value"] = "release-managers",
        ["RolloutController:Api:Oidc:RoleMappings:2:Role"] = "release-manager",
    };

    /// <summary>A token for <paramref name="email"/> in <paramref name="groups"/>, valid from an hour before <paramref name="expires"/>.</summary>
    public string Token(string email, string[] groups, DateTimeOffset expires, string audience = Audience, bool otherKey = false) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-1).UtcDateTime,
            NotBefore = expires.AddHours(-1).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["email"] = email, ["groups"] = groups },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(otherKey ? _otherKey : _key) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string email, string[] groups, DateTimeOffset expires)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        return Part(new { alg = "none", typ = "JWT" }) + "." + Part(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["email"] = email, ["groups"] = groups,
            ["nbf"] = expires.AddHours(-1).ToUnixTimeSeconds(), ["exp"] = expires.ToUnixTimeSeconds(),
        }) + ".";
    }

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }
}
