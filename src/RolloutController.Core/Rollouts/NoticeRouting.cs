namespace RolloutController.Rollouts;

/// <summary>
/// The one home of which routes a notice goes to: the routes the policy names under <c>notify</c> (every notice, as
/// before) and the routes its owner has for the notice's severity (<see cref="OwnerRouting"/>; an owner not listed takes
/// the default entry). Both apply together: <c>notify</c> adds to the owner's routes, it never replaces them. Each route
/// appears once, in that order, names compared case-insensitively. A notice that closes an incident
/// (<see cref="IncidentRule"/>) goes to the owner's routes of every severity: it must reach the incident tools that the
/// notice opening it reached (a critical rollback paged through PagerDuty is resolved there by an informational resume).
/// </summary>
internal static class NoticeRouting
{
    public static IReadOnlyList<string> RoutesFor(
        NoticeSeverity severity, string owner, IReadOnlyList<string> notify, OwnerRouting routing, IncidentAction incident = IncidentAction.None)
    {
        var byOwner = Lookup(routing.Owners, owner) ?? routing.Default;
        var owners = incident == IncidentAction.Resolve
            ? byOwner.Critical.Concat(byOwner.Warning).Concat(byOwner.Info)
            : byOwner.For(severity);
        return notify.Concat(owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    // Configuration binds into a case-insensitive dictionary, but a hand-built one may not be: look up either way.
    private static SeverityRoutes? Lookup(IReadOnlyDictionary<string, SeverityRoutes> owners, string owner) =>
        owners.TryGetValue(owner, out var exact)
            ? exact
            : owners.FirstOrDefault(o => string.Equals(o.Key, owner, StringComparison.OrdinalIgnoreCase)).Value;
}
