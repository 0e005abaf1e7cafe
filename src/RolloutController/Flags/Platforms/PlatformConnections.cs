using Microsoft.Extensions.Options;
using RolloutController.Flags.Unleash;

namespace RolloutController.Flags.Platforms;

/// <summary>The configured flag platform connections (<see cref="FlagPlatformOptions"/>), each built once.</summary>
internal sealed class PlatformConnections
{
    /// <summary>The name of the HTTP client every connection uses (its own timeout per request).</summary>
    public const string HttpClientName = "flag-platforms";

    private readonly Dictionary<string, (IFlagPlatform Platform, FlagPlatformConnection Settings)> _byName = new(StringComparer.Ordinal);

    public PlatformConnections(IOptions<FlagPlatformOptions> options, IHttpClientFactory http, TimeProvider time, ILoggerFactory loggers)
    {
        foreach (var (name, c) in options.Value.Connections)
        {
            IFlagPlatform platform = c.Type switch
            {
                UnleashPlatform.PlatformType =>
                    new UnleashPlatform(name, c, Environment.GetEnvironmentVariable(c.TokenEnv!) ?? "", http.CreateClient(HttpClientName), time),
                Flagd.FlagdPlatform.PlatformType => new Flagd.FlagdPlatform(name, c, time),
                LaunchDarkly.LaunchDarklyPlatform.PlatformType => new LaunchDarkly.LaunchDarklyPlatform(name, c,
                    Environment.GetEnvironmentVariable(c.TokenEnv!) ?? "", http.CreateClient(HttpClientName), time,
                    loggers.CreateLogger<LaunchDarkly.LaunchDarklyPlatform>()),
                _ => throw new InvalidOperationException($"flag platform type '{c.Type}' passed validation but has no implementation"),
            };
            _byName[name] = (platform, c);
        }
    }

    public IFlagPlatform? Find(string name) => _byName.TryGetValue(name, out var c) ? c.Platform : null;

    public FlagPlatformConnection Settings(string name) => _byName[name].Settings;
}
