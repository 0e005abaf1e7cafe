using RolloutController.Policies;

namespace RolloutController.Lifecycle;

/// <summary>How long each type of flag lives by default; a policy's <c>removal.lifetime</c> overrides it.</summary>
internal static class FlagLifetimes
{
    /// <summary>A release flag is removed within 14 days of reaching 100%.</summary>
    public static readonly TimeSpan Release = TimeSpan.FromDays(14);

    /// <summary>Ops and permission flags are permanent and reviewed every quarter (90 days).</summary>
    public static readonly TimeSpan ReviewEvery = TimeSpan.FromDays(90);

    /// <summary>
    /// The lifetime after the flag is done: release 14 days after reaching 100%; none for an experiment (it ends at its
    /// <c>reviewBy</c> date) and for ops and permission flags (permanent), unless <paramref name="removal"/> sets one.
    /// </summary>
    public static TimeSpan? Of(FlagType type, RemovalSpec? removal) =>
        removal?.Lifetime ?? (type == FlagType.Release ? Release : null);
}
