using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags;

/// <summary>What the controller serves for one flag right now.</summary>
/// <param name="Weight">Percentage of targeting keys served true (0–100, three decimals).</param>
/// <param name="ExcludedSegments">Segments served off whatever the weight: evaluation contexts whose attributes match
/// every label of one of them (<c>"plan": "free"</c>). Null means none.</param>
internal sealed record ServedFlag(
    string Key,
    decimal Weight,
    RolloutPhase Phase,
    int StageIndex,
    string PolicyName,
    FlagType Type,
    IReadOnlyList<Segment>? ExcludedSegments = null)
{
    // The bucket threshold is worked out once per weight change, not on every evaluation (decimal arithmetic costs as
    // much as the hash): by the constructor (initializer below) and by the init accessor, so `with { Weight = … }`
    // recomputes it too. (A property initializer sets the backing field without running the accessor.)
    public decimal Weight
    {
        get;
        init
        {
            field = value;
            OnBuckets = RolloutBuckets.Threshold(value);
        }
    } = Weight;

    /// <summary>Buckets (of 100,000) served "on": <c>Weight × 1000</c>, see <see cref="RolloutBuckets.Threshold"/>.</summary>
    public int OnBuckets { get; private init; } = RolloutBuckets.Threshold(Weight);

    public IReadOnlyList<Segment> Excluded => ExcludedSegments ?? [];

    /// <summary>What a rollout in <paramref name="state"/> under <paramref name="policy"/> serves.</summary>
    public static ServedFlag Of(RolloutPolicy policy, RolloutState state) =>
        new(state.FlagKey, state.ServedWeight, state.Phase, state.StageIndex, policy.Metadata.Name, policy.Metadata.Type,
            state.ExcludedSegments.Select(e => e.Segment).Distinct().ToList());

    public bool Equals(ServedFlag? other) =>
        other is not null && Key == other.Key && Weight == other.Weight && Phase == other.Phase && StageIndex == other.StageIndex
        && PolicyName == other.PolicyName && Type == other.Type && Excluded.SequenceEqual(other.Excluded);

    public override int GetHashCode() => HashCode.Combine(Key, Weight, Phase, StageIndex, PolicyName, Type, Excluded.Count);
}
