using RolloutController.Policies;

namespace RolloutController.Flags.Platforms;

/// <summary>The flag platform connections, by name (section <c>RolloutController:FlagPlatforms</c>). Default none.</summary>
internal sealed class FlagPlatformOptions
{
    public const string SectionName = "RolloutController:FlagPlatforms";

    /// <summary>Connection name (what a policy names in <c>spec.flag.provider</c>) to its settings. Names compare ordinally.</summary>
    public Dictionary<string, FlagPlatformConnection> Connections { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The providers a policy may name, with the platform each drives: <c>builtin</c> and every connection. A connection
    /// of an unknown type is left out (the options are refused anyway, listing the allowed types).
    /// </summary>
    public IReadOnlyDictionary<string, FlagPlatform> KnownProviders()
    {
        var known = new Dictionary<string, FlagPlatform>(StringComparer.Ordinal) { [FlagSpec.BuiltinProvider] = FlagPlatform.Builtin };
        foreach (var (name, connection) in Connections)
            if (FlagPlatformOptionsValidator.PlatformOf(connection?.Type) is { } platform) known.TryAdd(name, platform);
        return known;
    }
}
