using RolloutController.Api;

namespace RolloutController.Dashboard;

/// <summary>Who looks at a page: signed in (the caller) or not, what they hold, whether they may act, and the page's form token.</summary>
/// <param name="Caller">The signed-in token's name and grants; null when not signed in.</param>
/// <param name="Holds">The grants in words (<c>operator for every owner</c>), or null for none.</param>
/// <param name="CanAct">Holds at least the operator role somewhere: the pages show action forms only then, each action still checked.</param>
/// <param name="FormToken">The antiforgery token every form of the page sends back.</param>
internal sealed record DashboardViewer(ApiCaller? Caller, string? Holds, bool CanAct, string FormToken)
{
    public string? Name => Caller?.Name;

    public string FormField => $"<input type=\"hidden\" name=\"{DashboardForms.TokenField}\" value=\"{Html.E(FormToken)}\">";
}
