namespace RolloutController.Rollouts;

/// <summary>Route names per notice severity, for one owner (or the default); a severity without routes gets none.</summary>
internal sealed record SeverityRoutes(IReadOnlyList<string> Critical, IReadOnlyList<string> Warning, IReadOnlyList<string> Info)
{
    public static SeverityRoutes None { get; } = new([], [], []);

    public IReadOnlyList<string> For(NoticeSeverity severity) => severity switch
    {
        NoticeSeverity.Critical => Critical,
        NoticeSeverity.Warning => Warning,
        _ => Info,
    };
}
