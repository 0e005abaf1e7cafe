using RolloutController.Flags;

namespace RolloutController.TestUtilities.Flags;

/// <summary>A flag catalog tests set by hand. <see cref="Set"/> publishes a new snapshot with a new ETag.</summary>
internal sealed class InMemoryFlagCatalog : IFlagCatalog
{
    private FlagCatalogSnapshot _current = FlagCatalogSnapshot.Empty;
    private int _version;

    public InMemoryFlagCatalog(params ServedFlag[] flags)
    {
        if (flags.Length > 0) Set(flags);
    }

    public FlagCatalogSnapshot Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Replaces every flag; the snapshot's ETag becomes <c>"v{n}"</c> for the n-th call.</summary>
    public void Set(params ServedFlag[] flags)
    {
        var version = Interlocked.Increment(ref _version);
        Current = new FlagCatalogSnapshot(flags.ToDictionary(f => f.Key, StringComparer.Ordinal), $"\"v{version}\"");
    }
}
