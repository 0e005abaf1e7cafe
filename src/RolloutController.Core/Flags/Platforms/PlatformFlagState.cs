using System.Globalization;
using RolloutController.Analysis.Segments;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// What a flag platform serves for one flag, in the controller's terms: whether the controller's rollout rule exists there,
/// whether the flag is on in the environment, the whole percent of users it reaches, and the segments excluded from it.
/// Both what the controller wants (<see cref="PlatformTarget"/>) and what the platform reports read back into this.
/// </summary>
/// <param name="RulePresent">The controller's rollout rule (Unleash: its flexibleRollout strategy) exists on the flag.</param>
/// <param name="Enabled">The flag is on in the environment.</param>
/// <param name="Weight">Percent of users the rule reaches (0 when the rule is absent).</param>
/// <param name="Excluded">Excluded segments (one label each), sorted by label then value, ordinally.</param>
/// <param name="RuleId">The platform's id of the rule (Unleash: the strategy id), when read back; not compared.</param>
internal sealed record PlatformFlagState(bool RulePresent, bool Enabled, decimal Weight, IReadOnlyList<SegmentLabel> Excluded, string? RuleId = null)
{
    /// <summary>The share of users the platform serves the flag to: 0 while the flag is off or has no rule.</summary>
    public decimal ServedWeight => RulePresent && Enabled ? Weight : 0m;

    /// <summary>Same served behaviour: the rule, on/off and excluded segments alike; the weight too while the flag is on.</summary>
    public bool Matches(PlatformFlagState other) =>
        RulePresent == other.RulePresent && Enabled == other.Enabled && (!Enabled || Weight == other.Weight)
        && Excluded.SequenceEqual(other.Excluded);

    /// <summary>E.g. "on at 10% without plan=enterprise", "off", "on without the controller's rule".</summary>
    public override string ToString()
    {
        var onOff = Enabled ? "on" : "off";
        if (!RulePresent) return $"{onOff} without the controller's rollout rule";
        var at = Enabled ? $" at {Weight.ToString("0.###", CultureInfo.InvariantCulture)}%" : "";
        return Excluded.Count == 0 ? onOff + at : $"{onOff}{at} without {string.Join(", ", Excluded.Select(l => $"{l.Name}={l.Value}"))}";
    }
}
