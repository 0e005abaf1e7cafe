using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>
/// Everything on-call needs to act on a rollout notice in one read. Built by <see cref="NotificationMessageBuilder"/>;
/// rendered by each channel (JSON webhook payload, Slack blocks).
/// </summary>
/// <param name="Id">Unique per notice; the same for every channel and every retry (receivers deduplicate on it).</param>
/// <param name="At">When the notification was created.</param>
/// <param name="StageNumber">1-based stage the notice is about; 0 before the first stage.</param>
/// <param name="StageCount">Number of stages in the policy.</param>
/// <param name="WeightBefore">Percentage served before the transition.</param>
/// <param name="WeightAfter">Percentage served after the transition.</param>
/// <param name="Breaches">Guardrails that tripped, with failures in a row and since when (empty for info notices).</param>
/// <param name="Guardrails">Latest measurement of every guardrail.</param>
/// <param name="FailingSince">Earliest start of the failure runs in <paramref name="Breaches"/>.</param>
internal sealed record NotificationMessage(
    string Id,
    DateTimeOffset At,
    NoticeKind Kind,
    NoticeSeverity Severity,
    string FlagKey,
    string PolicyName,
    string Owner,
    FlagType FlagType,
    string PolicyReason,
    int StageNumber,
    int StageCount,
    decimal WeightBefore,
    decimal WeightAfter,
    string Summary,
    string Action,
    string NextStep,
    IReadOnlyList<GuardrailReport> Breaches,
    IReadOnlyList<GuardrailReport> Guardrails,
    DateTimeOffset? FailingSince,
    Transition Transition)
{
    /// <summary>Whether this notice opens (or keeps open) an incident, closes one, or neither (<see cref="IncidentRule"/>).</summary>
    public IncidentAction Incident { get; init; }

    /// <summary>Ties a trigger to its resolve (PagerDuty's <c>dedup_key</c>); <see cref="IncidentRule.Key"/>.</summary>
    public string IncidentKey { get; init; } = "";

    /// <summary>
    /// What to do: the runbook of the first tripped guardrail that has one, else the policy's <c>metadata.runbook</c>;
    /// null when neither is given.
    /// </summary>
    public string? Runbook { get; init; }

    /// <summary>The rollout's own page on the controller (<see cref="NoticeLinks.RolloutPage"/>); null without <c>ExternalUrl</c>.</summary>
    public string? RolloutUrl { get; init; }

    /// <summary>The team's dashboard for the flag (<see cref="NoticeLinks.Dashboard"/>); null without <c>DashboardUrl</c>.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>The graph of the first tripped guardrail, else of the first guardrail measured; null when there is none.</summary>
    public string? GraphUrl { get; init; }

    /// <summary>Segments this notice takes out of the rollout (segment exclusions); empty otherwise.</summary>
    public IReadOnlyList<ExcludedSegmentReport> ExcludedSegments { get; init; } = [];

    /// <summary>For a digest (<see cref="NoticeKind.Digest"/>), the notices it stands for; empty otherwise.</summary>
    public IReadOnlyList<DigestEntry> Digest { get; init; } = [];

    /// <summary>"2 of 4".</summary>
    public string StageText => $"{StageNumber} of {StageCount}";

    /// <summary>"10% → 0%".</summary>
    public string WeightText => $"{NotificationFormat.Weight(WeightBefore)} → {NotificationFormat.Weight(WeightAfter)}";

    /// <summary>
    /// One line that stands alone (Slack's notification text, a phone's lock screen, e-mail subjects), with the numbers
    /// when guardrails tripped: "[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)";
    /// otherwise the summary: "[WARNING] new-checkout: 'new-checkout' paused at 10%: ...".
    /// </summary>
    public string Headline => $"[{Severity.ToString().ToUpperInvariant()}] {FlagKey}: {HeadlineText}";

    private string HeadlineText => Breaches switch
    {
        [] => Summary,
        [var one] => $"Guardrail {one.Name} tripped at {NotificationFormat.Weight(WeightBefore)}: {one.ValueVersusThreshold}",
        _ => $"Guardrails tripped at {NotificationFormat.Weight(WeightBefore)}: " +
             string.Join(", ", Breaches.Select(b => $"{b.Name} {b.ValueVersusThreshold}")),
    };
}
