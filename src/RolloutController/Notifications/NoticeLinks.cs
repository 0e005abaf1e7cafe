namespace RolloutController.Notifications;

/// <summary>
/// Where people look at a rollout besides its guardrails' graphs: the controller's own page for it and the team's
/// dashboard. From <c>RolloutController:ExternalUrl</c> and <c>RolloutController:Notifications:DashboardUrl</c>; either
/// may be unset, and its link is then left out of every notification.
/// </summary>
/// <param name="ControllerUrl">The controller as people reach it (behind a load balancer or ingress); null when not configured.</param>
/// <param name="DashboardTemplate">An absolute http(s) URL in which <see cref="FlagPlaceholder"/> stands for the flag key; null when not configured.</param>
internal sealed record NoticeLinks(Uri? ControllerUrl, string? DashboardTemplate)
{
    public const string FlagPlaceholder = "{flag}";

    public static NoticeLinks None { get; } = new(null, null);

    /// <summary><c>{ControllerUrl}/rollouts/{flag}</c>: the rollout's page on the dashboard (plan, guardrail charts, history, actions).</summary>
    public string? RolloutPage(string flagKey) =>
        ControllerUrl is null ? null : $"{ControllerUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}/rollouts/{Uri.EscapeDataString(flagKey)}";

    /// <summary>The dashboard with the flag key (escaped for a URL) in place of every <c>{flag}</c>.</summary>
    public string? Dashboard(string flagKey) =>
        DashboardTemplate?.Replace(FlagPlaceholder, Uri.EscapeDataString(flagKey), StringComparison.Ordinal);
}
