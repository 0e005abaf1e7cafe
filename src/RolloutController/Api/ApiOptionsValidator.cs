using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>
/// Lists every problem with the API tokens at once: the shape of the raw section (<see cref="ApiConfigurationShape"/>),
/// then the bound values. A token's value is never part of a message.
/// </summary>
internal sealed class ApiOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = ApiConfigurationShape.Problems(configuration.GetSection(ApiOptions.Section)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var t = options.Tokens[i];
            var at = $"{ApiOptions.Section}:Tokens:{i}";
            if (string.IsNullOrWhiteSpace(t.Name)) failures.Add($"{at}:Name is required (it is recorded as the actor of changes)");
            if (t.Token.Length < 16) failures.Add($"{at}:Token must be at least 16 characters, got {t.Token.Length}");
            if (t.Token.Length > 0 && t.Token.Trim().Length != t.Token.Length)
                failures.Add($"{at}:Token has leading or trailing whitespace; remove it (a presented token is trimmed, so this one could never match)");
            if (!seen.Add(t.Token)) failures.Add($"{at}:Token is the same as another token's");
            foreach (var role in t.Roles.Where(r => !ApiRoles.All.Contains(r)))
                failures.Add($"{at}:Roles has unknown role '{role}'; allowed: {string.Join(", ", ApiRoles.Ordered)}");
            for (var j = 0; j < t.Teams.Count; j++)
                if (string.IsNullOrWhiteSpace(t.Teams[j]) || t.Teams[j].Trim() != t.Teams[j])
                    failures.Add($"{at}:Teams:{j} must be an owner name such as team-payments, without surrounding whitespace (was '{t.Teams[j]}')");
        }
        failures.AddRange(Oidc.OidcOptionsValidator.Problems(options.Oidc, $"{ApiOptions.Section}:Oidc"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
