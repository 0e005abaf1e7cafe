namespace RolloutController.Flags;

/// <summary>An immutable view of every served flag; <see cref="ETag"/> changes whenever any of them does.</summary>
/// <param name="Flags">What each rollout serves, by flag key.</param>
/// <param name="ServableFlags">Every flag OFREP serves, ready to evaluate: declared flags (with their rollout's share when a policy
/// drives them) and the implicit flags of policies without a Flag document. Null: the implicit flags of <paramref name="Flags"/>.</param>
internal sealed record FlagCatalogSnapshot(
    IReadOnlyDictionary<string, ServedFlag> Flags,
    string ETag,
    IReadOnlyDictionary<string, ServableFlag>? ServableFlags = null)
{
    public static FlagCatalogSnapshot Empty { get; } = new(new Dictionary<string, ServedFlag>(), "\"0\"");

    public IReadOnlyDictionary<string, ServableFlag> Servable { get; } =
        ServableFlags ?? Flags.ToDictionary(f => f.Key, f => f.Value.Implicit, StringComparer.Ordinal);
}
