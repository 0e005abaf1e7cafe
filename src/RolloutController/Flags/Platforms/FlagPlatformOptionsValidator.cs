using Microsoft.Extensions.Options;
using RolloutController.Notifications;
using RolloutController.Policies;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// Checks <see cref="FlagPlatformOptions"/> up front and lists every problem with its key path and bad value. Offline
/// (<c>rolloutctl validate --config</c>) the token's environment variable is only named; at start-up it must be set.
/// </summary>
/// <param name="environment">Reads an environment variable; null checks offline (the variable is not looked up).</param>
internal sealed class FlagPlatformOptionsValidator(Func<string, string?>? environment) : IValidateOptions<FlagPlatformOptions>
{
    /// <summary>The platform types a connection may have.</summary>
    public static readonly IReadOnlyList<string> Types =
        [Unleash.UnleashPlatform.PlatformType, Flagd.FlagdPlatform.PlatformType, LaunchDarkly.LaunchDarklyPlatform.PlatformType];

    public static readonly TimeSpan MinReadInterval = TimeSpan.FromSeconds(1);

    private const string Section = FlagPlatformOptions.SectionName;

    /// <summary>The platform a connection type drives; null for an unknown type.</summary>
    public static FlagPlatform? PlatformOf(string? type) => type switch
    {
        Unleash.UnleashPlatform.PlatformType => FlagPlatform.Unleash,
        Flagd.FlagdPlatform.PlatformType => FlagPlatform.Flagd,
        LaunchDarkly.LaunchDarklyPlatform.PlatformType => FlagPlatform.LaunchDarkly,
        _ => null,
    };

    public ValidateOptionsResult Validate(string? name, FlagPlatformOptions options)
    {
        var errors = new List<string>();
        foreach (var (connectionName, c) in options.Connections.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var path = $"{Section}:{connectionName}";
            if (!PolicyPatterns.FlagKeyRegex().IsMatch(connectionName) || connectionName == FlagSpec.BuiltinProvider)
                errors.Add($"{path}: '{connectionName}' cannot name a connection: use letters, digits, '-', '_' or '.', and not '{FlagSpec.BuiltinProvider}'");
            if (c is null)
            {
                errors.Add($"{path} is empty: give at least Type, Url, TokenEnv and Environment");
                continue;
            }
            if (PlatformOf(c.Type) is null)
                errors.Add($"{path}:Type '{c.Type}' is not a flag platform type; use one of: {string.Join(", ", Types)}");
            if (c.Type == Flagd.FlagdPlatform.PlatformType) ValidateFlagd(path, c, errors);
            else
            {
                // LaunchDarkly's API has one address (LaunchDarklyPlatform.DefaultUrl) unless the connection names another.
                var urlOptional = c.Type == LaunchDarkly.LaunchDarklyPlatform.PlatformType && c.Url is null;
                if (!urlOptional && (c.Url is null || !NotificationOptionsValidator.IsHttpUrl(c.Url)))
                    errors.Add($"{path}:Url must be an absolute http(s) URL (got '{c.Url}')");
                if (string.IsNullOrWhiteSpace(c.TokenEnv))
                    errors.Add($"{path}:TokenEnv must name the environment variable holding the API token (the token itself is never configured)");
                else if (environment is not null && string.IsNullOrEmpty(environment(c.TokenEnv)))
                    errors.Add($"{path}:TokenEnv names the environment variable '{c.TokenEnv}', which is not set");
                if (string.IsNullOrWhiteSpace(c.Project))
                    errors.Add($"{path}:Project must not be empty (got '{c.Project}')");
                if (string.IsNullOrWhiteSpace(c.Environment))
                    errors.Add($"{path}:Environment must name the platform's environment the rollout drives, e.g. production (got '{c.Environment}')");
                if (c.Path is not null) errors.Add($"{path}:Path is only used by a flagd connection (got '{c.Path}')");
            }
            if (c.Timeout <= TimeSpan.Zero)
                errors.Add($"{path}:Timeout must be positive (got {c.Timeout})");
            if (c.SdkRefresh is { } refresh && (refresh < TimeSpan.Zero || refresh > TimeSpan.FromHours(1)))
                errors.Add($"{path}:SdkRefresh must be between 0 and 1 hour (got {refresh})");
            if (c.ReadInterval < MinReadInterval)
                errors.Add($"{path}:ReadInterval must be at least {MinReadInterval} (got {c.ReadInterval})");
            if (c.InitialBackoff <= TimeSpan.Zero)
                errors.Add($"{path}:InitialBackoff must be positive (got {c.InitialBackoff})");
            if (c.MaxBackoff < c.InitialBackoff)
                errors.Add($"{path}:MaxBackoff must be at least InitialBackoff {c.InitialBackoff} (got {c.MaxBackoff})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // flagd is driven through the file it watches: a path, and none of the settings of a platform reached over HTTP.
    private void ValidateFlagd(string path, FlagPlatformConnection c, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(c.Path) || !System.IO.Path.IsPathFullyQualified(c.Path))
            errors.Add($"{path}:Path must be the absolute path of the flag file flagd watches (got '{c.Path}')");
        else if (environment is not null && !Directory.Exists(System.IO.Path.GetDirectoryName(c.Path)))
            errors.Add($"{path}:Path is in the directory '{System.IO.Path.GetDirectoryName(c.Path)}', which does not exist");
        foreach (var (key, value) in new[] { ("Url", c.Url), ("TokenEnv", c.TokenEnv), ("Environment", c.Environment) })
            if (value is not null) errors.Add($"{path}:{key} is not used by a flagd connection, which writes the file at Path (got '{value}')");
    }
}
