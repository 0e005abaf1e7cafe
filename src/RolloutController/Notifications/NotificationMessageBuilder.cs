using RolloutController.Analysis;
using RolloutController.Metrics;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>Turns a notice and its policy into a <see cref="NotificationMessage"/>. Pure: id and time are passed in.</summary>
internal static class NotificationMessageBuilder
{
    public static NotificationMessage Build(RolloutNotice notice, RolloutPolicy policy, IQueryLinks links, string id, DateTimeOffset at)
    {
        var transition = notice.Transition;
        var breaches = notice.Breaches
            .Select(b => Report(b.Measurement, links) with
            {
                ConsecutiveFailures = b.ConsecutiveFailures,
                FailureLimit = b.FailureLimit,
                FailingSince = b.FailingSince,
            })
            .ToList();
        return new NotificationMessage(
            id,
            at,
            notice.Kind,
            notice.Severity,
            notice.FlagKey,
            policy.Metadata.Name,
            policy.Metadata.Owner,
            policy.Metadata.Type,
            policy.Metadata.Reason,
            StageNumber(notice.Kind, transition),
            policy.Stages.Count,
            transition.FromWeight,
            transition.ToWeight,
            notice.Summary,
            notice.Action,
            notice.NextStep,
            breaches,
            notice.Measurements.Select(m => Report(m, links)).ToList(),
            breaches.Select(b => b.FailingSince).Where(s => s is not null).Min(),
            transition)
        {
            Incident = IncidentRule.Of(notice.Kind, transition),
            IncidentKey = IncidentRule.Key(notice.FlagKey),
        };
    }

    /// <summary>
    /// The stage the notice is about, 1-based: the stage left for a rollback or abort (the weight that hurt),
    /// the stage entered otherwise; whichever is known when the other is "before the first stage" (-1).
    /// </summary>
    private static int StageNumber(NoticeKind kind, Transition transition)
    {
        var (preferred, other) = kind is NoticeKind.RolledBack or NoticeKind.Aborted
            ? (transition.FromStage, transition.ToStage)
            : (transition.ToStage, transition.FromStage);
        return Math.Max(preferred >= 0 ? preferred : other, -1) + 1;
    }

    private static GuardrailReport Report(Measurement m, IQueryLinks links) =>
        new(m.Guardrail, m.Verdict, m.Value, m.Threshold, m.Query, links.GraphLink(m.Query), m.Detail, m.At);
}
