namespace RolloutController.Analysis;

/// <summary>
/// Keys of the failure streaks in the rollout state: the guardrail name, or <c>name [plan=free]</c> for one segment of a
/// per-segment guardrail, so each segment has its own run of failures.
/// </summary>
internal static class StreakKeys
{
    public static string For(string guardrail, string? segment) => segment is null ? guardrail : $"{guardrail} [{segment}]";

    /// <summary>Whether <paramref name="key"/> belongs to <paramref name="guardrail"/> (itself or one of its segments).</summary>
    public static bool BelongsTo(string key, string guardrail) =>
        key == guardrail || (key.StartsWith(guardrail, StringComparison.Ordinal) && key.AsSpan(guardrail.Length).StartsWith(" [", StringComparison.Ordinal));
}
