using RolloutController.Analysis;
using RolloutController.Analysis.Segments;
using RolloutController.Metrics;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>Turns a notice and its policy into a <see cref="NotificationMessage"/>. Pure: id and time are passed in.</summary>
internal static class NotificationMessageBuilder
{
    public static NotificationMessage Build(RolloutNotice notice, RolloutPolicy policy, IQueryLinks links, string id, DateTimeOffset at) =>
        Build(notice, policy, links, NoticeLinks.None, id, at);

    public static NotificationMessage Build(
        RolloutNotice notice, RolloutPolicy policy, IQueryLinks links, NoticeLinks pages, string id, DateTimeOffset at)
    {
        var transition = notice.Transition;
        var runbooks = policy.Analysis.Guardrails.Where(g => g.Runbook is not null)
            .ToDictionary(g => g.Name, g => g.Runbook!, StringComparer.Ordinal);
        var breaches = notice.Breaches
            .Select(b => Report(b.Measurement, links, runbooks) with
            {
                ConsecutiveFailures = b.ConsecutiveFailures,
                FailureLimit = b.FailureLimit,
                FailingSince = b.FailingSince,
            })
            .ToList();
        var guardrails = notice.Measurements.Select(m => Report(m, links, runbooks)).ToList();
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
            guardrails,
            breaches.Select(b => b.FailingSince).Where(s => s is not null).Min(),
            transition)
        {
            Incident = IncidentRule.Of(notice.Kind, transition),
            IncidentKey = IncidentRule.Key(notice.FlagKey),
            Runbook = breaches.Select(b => b.Runbook).FirstOrDefault(r => r is not null) ?? policy.Metadata.Runbook,
            RolloutUrl = pages.RolloutPage(notice.FlagKey),
            DashboardUrl = pages.Dashboard(notice.FlagKey),
            GraphUrl = breaches.Concat(guardrails).Select(g => g.GraphUrl).FirstOrDefault(u => u is not null),
            ExcludedSegments = notice.Kind == NoticeKind.SegmentExcluded ? Exclusions(notice.Breaches) : [],
        };
    }

    /// <summary>
    /// A notice about a flag as a whole rather than a step of its rollout (the kill switch): the flag's own metadata (its
    /// Flag document's, else its policy's), no guardrails; <paramref name="stageCount"/> is 0 when no policy drives it.
    /// </summary>
    public static NotificationMessage Build(
        RolloutNotice notice, PolicyMetadata flag, int stageCount, NoticeLinks pages, string id, DateTimeOffset at)
    {
        var transition = notice.Transition;
        return new NotificationMessage(id, at, notice.Kind, notice.Severity, notice.FlagKey, flag.Name, flag.Owner, flag.Type, flag.Reason,
            Math.Max(transition.ToStage, -1) + 1, stageCount, transition.FromWeight, transition.ToWeight,
            notice.Summary, notice.Action, notice.NextStep, [], [], null, transition)
        {
            Incident = IncidentRule.Of(notice.Kind, transition),
            IncidentKey = IncidentRule.Key(notice.FlagKey),
            Runbook = flag.Runbook,
            RolloutUrl = pages.RolloutPage(notice.FlagKey),
            DashboardUrl = pages.Dashboard(notice.FlagKey),
        };
    }

    /// <summary>The segments a segment-exclusion notice takes out, each with its labels as fields.</summary>
    private static List<ExcludedSegmentReport> Exclusions(IEnumerable<BreachEvidence> breaches) =>
        breaches
            .Where(b => b.Measurement.Segment is not null)
            .Select(b => (b.Measurement.Guardrail, Text: b.Measurement.Segment!))
            .Distinct()
            .Select(e => new ExcludedSegmentReport(e.Guardrail, e.Text,
                Segment.TryParse(e.Text, out var segment)
                    ? segment.Labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal)))
            .ToList();

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

    private static GuardrailReport Report(Measurement m, IQueryLinks links, Dictionary<string, string> runbooks) =>
        new(m.Guardrail, m.Verdict, m.Value, m.Threshold, m.Query, links.GraphLink(m.Query), m.Detail, m.At,
            Segment: m.Segment, Runbook: runbooks.GetValueOrDefault(m.Guardrail));
}
