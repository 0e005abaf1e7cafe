namespace RolloutController.Flags.Changes;

/// <summary>One change of what this replica serves, or several merged for a subscriber that had not taken the first yet.</summary>
/// <param name="Sequence">Position in this replica's feed, from 1; the last one merged. Restarts at 0 with the process.</param>
/// <param name="ETag">The flag catalog's ETag after the change (<see cref="FlagCatalogSnapshot.ETag"/>): equal content gives
/// an equal ETag on every replica and across restarts, so it names a flag configuration wherever it is read.</param>
/// <param name="Flags">Keys of the flags whose served state may have changed, ordered (ordinal); may name flags whose
/// evaluation turned out the same (a declared flag is re-derived whenever a flag it depends on changes).</param>
/// <param name="At">When the (last merged) change was published, by the controller's clock.</param>
/// <param name="Changes">How many published changes this one stands for (more than 1 when merged).</param>
internal sealed record FlagChange(long Sequence, string ETag, IReadOnlyList<string> Flags, DateTimeOffset At, int Changes = 1)
{
    /// <summary>The later change, carrying the flags of both: a reader told only of the merge misses no flag.</summary>
    public FlagChange MergedWith(FlagChange later)
    {
        var flags = new SortedSet<string>(Flags, StringComparer.Ordinal);
        flags.UnionWith(later.Flags);
        return later with { Flags = [.. flags], Changes = Changes + later.Changes };
    }
}
