namespace RolloutController.Rollouts;

/// <summary>
/// The one home of which notices open and close an incident, and of the key that ties them together.
/// </summary>
/// <remarks>
/// An incident is "this rollout needs a person". The controller opens it when it stops a rollout by itself — a rollback,
/// an abort or a pause it decided (errors, no data, sample-ratio mismatch), a safety move the store has not taken — and
/// it is over when a person acts on it (resume, restart, abort, adopting a change made by hand on the flag's platform) or the rollout completes. A person's pause opens nothing:
/// whoever paused already knows. Warnings and segment exclusions leave the rollout running and open nothing either, and
/// neither does anything a dry run records: nothing it decides was served.
/// </remarks>
internal static class IncidentRule
{
    /// <summary>Prefix of every incident key; incident tools show it, so it names the product.</summary>
    public const string KeyPrefix = "rollout-controller/";

    /// <summary>What a notice of <paramref name="kind"/> does to the rollout's incident; a dry run's notices do nothing to it.</summary>
    public static IncidentAction Of(NoticeKind kind, Transition transition)
    {
        if (DryRun.Recorded(transition)) return IncidentAction.None;
        var byController = string.Equals(transition.Actor, RolloutDecider.ControllerActor, StringComparison.Ordinal);
        return kind switch
        {
            NoticeKind.RolledBack or NoticeKind.NotStored or NoticeKind.RollbackNotApplied => IncidentAction.Trigger,
            NoticeKind.Aborted or NoticeKind.Paused => byController ? IncidentAction.Trigger : kind == NoticeKind.Aborted ? IncidentAction.Resolve : IncidentAction.None,
            NoticeKind.Resumed or NoticeKind.Restarted or NoticeKind.DriftAdopted or NoticeKind.Completed => IncidentAction.Resolve,
            _ => IncidentAction.None,
        };
    }

    /// <summary>
    /// Stable per rollout: a trigger and the resolve that follows share it (PagerDuty's <c>dedup_key</c>), and a new
    /// trigger after a resolve opens a new incident under the same key, as incident tools expect.
    /// </summary>
    public static string Key(string flagKey) => KeyPrefix + flagKey;
}
