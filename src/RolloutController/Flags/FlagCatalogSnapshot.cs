namespace RolloutController.Flags;

/// <summary>An immutable view of every served flag; <see cref="ETag"/> changes whenever any of them does.</summary>
internal sealed record FlagCatalogSnapshot(IReadOnlyDictionary<string, ServedFlag> Flags, string ETag)
{
    public static FlagCatalogSnapshot Empty { get; } = new(new Dictionary<string, ServedFlag>(), "\"0\"");
}
