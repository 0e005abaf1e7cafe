using System.Reflection;

namespace RolloutController.Api;

/// <summary>
/// Checks the raw <c>RolloutController:Api</c> section for what binding silently drops: unknown keys (a misspelt
/// <c>Role</c>) and scalars or objects where a list belongs (<c>"Roles": "viewer"</c>). Bound, either would be a token
/// without roles, so the mistake must stop the start rather than quietly change what a token may do. Values of tokens
/// are never repeated in a message.
/// </summary>
internal static class ApiConfigurationShape
{
    private static readonly string[] ApiKeys = KeysOf(typeof(ApiOptions));
    private static readonly string[] TokenKeys = KeysOf(typeof(ApiToken));
    private static readonly string[] OidcKeys = KeysOf(typeof(Oidc.OidcOptions));
    private static readonly string[] MappingKeys = KeysOf(typeof(Oidc.OidcRoleMapping));

    public static IEnumerable<string> Problems(IConfigurationSection api)
    {
        foreach (var problem in UnknownKeys(api, ApiKeys)) yield return problem;
        foreach (var problem in OidcProblems(api.GetSection(nameof(ApiOptions.Oidc)))) yield return problem;
        var tokens = api.GetSection(nameof(ApiOptions.Tokens));
        if (NotAList(tokens) is { } tokensProblem)
        {
            yield return $"{tokens.Path} must be a list of {{{string.Join(", ", TokenKeys)}}} ({tokensProblem})";
            yield break;
        }
        foreach (var token in tokens.GetChildren())
        {
            if (HasValue(token))
            {
                // Most likely the secret itself, written where an object belongs: say so without repeating it.
                yield return $"{token.Path} must be an object {{{string.Join(", ", TokenKeys)}}} (was a single value)";
                continue;
            }
            foreach (var problem in UnknownKeys(token, TokenKeys)) yield return problem;
            var roles = token.GetSection(nameof(ApiToken.Roles));
            if (NotAList(roles) is { } rolesProblem)
                yield return $"{roles.Path} must be a list such as [\"{Example(roles)}\"] ({rolesProblem})";
            else
                foreach (var role in roles.GetChildren().Where(r => !HasValue(r)))
                    yield return $"{role.Path} must be a role name, one of: {string.Join(", ", ApiRoles.Ordered)}";
            var teams = token.GetSection(nameof(ApiToken.Teams));
            if (NotAList(teams) is { } teamsProblem)
                yield return $"{teams.Path} must be a list of owners such as [\"team-payments\"] ({teamsProblem})";
        }
    }

    private static IEnumerable<string> OidcProblems(IConfigurationSection oidc)
    {
        foreach (var problem in UnknownKeys(oidc, OidcKeys)) yield return problem;
        var mappings = oidc.GetSection(nameof(Oidc.OidcOptions.RoleMappings));
        if (NotAList(mappings) is { } mappingsProblem)
        {
            yield return $"{mappings.Path} must be a list of {{{string.Join(", ", MappingKeys)}}} ({mappingsProblem})";
            yield break;
        }
        foreach (var problem in mappings.GetChildren().SelectMany(m => UnknownKeys(m, MappingKeys))) yield return problem;
    }

    private static IEnumerable<string> UnknownKeys(IConfigurationSection section, string[] known) =>
        section.GetChildren()
            .Where(child => !known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            .Select(child => $"{child.Path} is not a known key; use one of: {string.Join(", ", known)}");

    /// <summary>Why <paramref name="section"/> is not a list (entries numbered from 0); null when it is one or is absent.</summary>
    private static string? NotAList(IConfigurationSection section)
    {
        if (HasValue(section)) return $"was the single value '{section.Value}'";
        var key = section.GetChildren().Select(c => c.Key).FirstOrDefault(k => !int.TryParse(k, out _));
        return key is null ? null : $"was an object with key '{key}'";
    }

    // An empty JSON array or null is stored as a key with an empty or null value: that is an empty list, not a scalar.
    private static bool HasValue(IConfigurationSection section) => !string.IsNullOrEmpty(section.Value);

    private static string Example(IConfigurationSection roles) =>
        roles.Value is { } value && ApiRoles.All.Contains(value) ? value
        : roles.GetChildren().Select(c => c.Value).FirstOrDefault(v => v is not null && ApiRoles.All.Contains(v)) ?? ApiRoles.Viewer;

    private static string[] KeysOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name)];
}
