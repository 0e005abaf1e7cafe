namespace RolloutController.Rollouts;

/// <summary>
/// Where each owner's notices go by severity (<c>Notifications:OwnerRoutes</c>), and where the notices of an owner not
/// listed go (<c>Notifications:DefaultRoutes</c>). Owners compare case-insensitively, as route names do.
/// </summary>
internal sealed record OwnerRouting(IReadOnlyDictionary<string, SeverityRoutes> Owners, SeverityRoutes Default)
{
    public static OwnerRouting None { get; } = new(new Dictionary<string, SeverityRoutes>(), SeverityRoutes.None);
}
