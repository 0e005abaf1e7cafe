using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>Route names per severity for one owner (<c>Notifications:OwnerRoutes:{owner}</c>) or the default (<c>Notifications:DefaultRoutes</c>).</summary>
internal sealed class SeverityRouteOptions
{
    /// <summary>Routes for critical notices (rollback, abort, sample-ratio mismatch, a move not stored). Default none.</summary>
    public List<string> Critical { get; set; } = [];

    /// <summary>Routes for warnings (a pause on errors or no data, a segment excluded, a round limit). Default none.</summary>
    public List<string> Warning { get; set; } = [];

    /// <summary>Routes for information (start, advance, completion, a person's command). Default none.</summary>
    public List<string> Info { get; set; } = [];

    public SeverityRoutes ToRoutes() => new(Critical, Warning, Info);

    /// <summary>Every route named, with the key path of its entry relative to this entry: <c>Critical:0</c>.</summary>
    public IEnumerable<(string Key, string Route)> Named() =>
        new[] { ("Critical", Critical), ("Warning", Warning), ("Info", Info) }
            .SelectMany(s => (s.Item2 ?? []).Select((route, i) => ($"{s.Item1}:{i}", route)));
}
