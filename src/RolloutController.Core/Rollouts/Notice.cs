using RolloutController.Analysis;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>Builders for the notices the decider emits.</summary>
internal static class Notice
{
    public static RolloutNotice Info(NoticeKind kind, RolloutPolicy policy, Transition transition, string summary, IReadOnlyList<Measurement>? measurements = null) =>
        new(kind, NoticeSeverity.Info, policy.Flag.Key, summary, summary, "No action needed.", transition, [], measurements ?? []);

    public static string ResumeHint(string flagKey, string what) =>
        $"To {what}: rolloutctl resume {flagKey} --reason \"<why it is safe>\" (or POST /api/v1/rollouts/{flagKey}/resume).";
}
