using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>
/// How a dry run (<c>spec.mode: dry-run</c>) is told apart wherever it shows: every transition it records and every
/// notice it sends says "dry run", its notices never page (at most a warning) and open no incident
/// (<see cref="IncidentRule"/>). What it serves is <see cref="RolloutState.AsServed"/>: nothing of its ramp. Pure.
/// </summary>
internal static class DryRun
{
    /// <summary>Starts the reason of every transition a dry run records.</summary>
    public const string ReasonPrefix = "dry run: ";

    /// <summary>Starts the summary of every notice a dry run sends.</summary>
    public const string SummaryPrefix = "[dry run] ";

    /// <summary>The decision as recorded and told for <paramref name="policy"/>: itself for a live rollout, marked for a dry run.</summary>
    public static Decision Mark(RolloutPolicy policy, Decision decision)
    {
        if (!policy.Governance.DryRun || (decision.Transitions.Count == 0 && decision.Notices.Count == 0)) return decision;
        return decision with
        {
            Transitions = decision.Transitions.Select(Mark).ToList(),
            Notices = decision.Notices.Select(n => n with
            {
                Severity = n.Severity == NoticeSeverity.Critical ? NoticeSeverity.Warning : n.Severity,
                Summary = SummaryPrefix + n.Summary,
                Action = $"Dry run: what is served did not change. It would have done this: {n.Action}",
                Transition = Mark(n.Transition),
            }).ToList(),
        };
    }

    /// <summary>Whether <paramref name="transition"/> was recorded by a dry run.</summary>
    public static bool Recorded(Transition transition) => transition.Reason.StartsWith(ReasonPrefix, StringComparison.Ordinal);

    private static Transition Mark(Transition t) => Recorded(t) ? t : t with { Reason = ReasonPrefix + t.Reason };
}
