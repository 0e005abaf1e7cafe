namespace RolloutController.Api.Oidc;

/// <summary>Every problem with <see cref="OidcOptions"/>, each naming its key and the bad value. Checks the key file can be read.</summary>
internal static class OidcOptionsValidator
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public static IEnumerable<string> Problems(OidcOptions oidc, string at)
    {
        var anySet = oidc.Audience is not null || oidc.SigningKeysFile is not null || oidc.RoleMappings.Count > 0;
        if (!oidc.Enabled)
        {
            if (anySet) yield return $"{at}:Issuer is required when any other Oidc key is set (it turns OpenID Connect tokens on)";
            yield break;
        }
        if (!Uri.TryCreate(oidc.Issuer, UriKind.Absolute, out _)) yield return $"{at}:Issuer must be an absolute URL, was '{oidc.Issuer}'";
        if (string.IsNullOrWhiteSpace(oidc.Audience)) yield return $"{at}:Audience is required with Issuer (the controller's client id at the provider)";
        if (string.IsNullOrWhiteSpace(oidc.SigningKeysFile))
            yield return $"{at}:SigningKeysFile is required with Issuer (a JSON Web Key Set file, the provider's jwks_uri document)";
        else if (!SigningKeyFile.TryRead(oidc.SigningKeysFile, out _, out var error))
            yield return $"{at}:SigningKeysFile '{oidc.SigningKeysFile}' {error}";
        if (string.IsNullOrWhiteSpace(oidc.NameClaim)) yield return $"{at}:NameClaim must name a claim, e.g. sub or email";
        if (oidc.ClockSkew < TimeSpan.Zero || oidc.ClockSkew > MaxSkew) yield return $"{at}:ClockSkew must be from 00:00:00 to 00:05:00, was {oidc.ClockSkew}";
        for (var i = 0; i < oidc.RoleMappings.Count; i++)
        {
            var m = oidc.RoleMappings[i];
            var mat = $"{at}:RoleMappings:{i}";
            if (string.IsNullOrWhiteSpace(m.Claim)) yield return $"{mat}:Claim is required (a claim name such as groups)";
            if (string.IsNullOrWhiteSpace(m.Value)) yield return $"{mat}:Value is required (the claim value that grants the role)";
            if (!ApiRoles.All.Contains(m.Role)) yield return $"{mat}:Role must be one of {string.Join(", ", ApiRoles.Ordered)}, was '{m.Role}'";
            if (m.Team is not null && (m.Team.Length == 0 || m.Team.Trim() != m.Team)) yield return $"{mat}:Team must be an owner name without surrounding whitespace, was '{m.Team}'";
        }
    }
}
