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
    IReadOnlyList<Segment>? ExcludedSegments = null,
    string? Owner = null)
{
    // The servable form of a flag without a Flag document, built once per content: what it serves changes only with
    // the weight, the phase and the exclusions, and evaluation must not allocate.
    private ServableFlag? _implicit;

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

    /// <summary>A rolled-back or aborted rollout serves nothing of its ramp.</summary>
    public bool Stopped => Phase is RolloutPhase.RolledBack or RolloutPhase.Aborted;

    /// <summary>
    /// The flag as evaluated when it has no Flag document: boolean <c>on</c>/<c>off</c>, the ramped share on, disabled
    /// (<c>off</c>, reason DISABLED) while the rollout is rolled back or aborted.
    /// </summary>
    public ServableFlag Implicit
    {
        get
        {
            var cached = _implicit;
            if (cached is not null && cached.Live.RolloutBuckets == OnBuckets && cached.Live.SwitchedOff == Stopped
                && ReferenceEquals(cached.Live.Excluded, Excluded) && cached.Key == Key && cached.Definition.Metadata.Type == Type)
                return cached;
            var definition = FlagDefinition.Implicit(Key, new PolicyMetadata(PolicyName, Owner ?? "", Type, "", null));
            return _implicit = new ServableFlag(definition, new FlagLiveState(OnBuckets, Stopped, Excluded), [], []);
        }
    }

    /// <summary>The flag as evaluated when a Flag document declares it: its rollout's share and exclusions, as declared otherwise.</summary>
    public ServableFlag With(FlagDefinition declared, ServablePrerequisite[] prerequisites, SegmentDefinition?[] ruleSegments) =>
        new(declared, Live, prerequisites, ruleSegments);

    /// <summary>What the rollout contributes to a declared flag: the ramped share and the excluded segments.</summary>
    public FlagLiveState Live => new(OnBuckets, false, Excluded);

    /// <summary>What a rollout in <paramref name="rollout"/> under <paramref name="policy"/> serves (nothing of its ramp for a dry run).</summary>
    public static ServedFlag Of(RolloutPolicy policy, RolloutState rollout) => Of(policy.Metadata, rollout.AsServed(policy));

    private static ServedFlag Of(PolicyMetadata metadata, RolloutState state) =>
        new(state.FlagKey, state.ServedWeight, state.Phase, state.StageIndex, metadata.Name, metadata.Type,
            state.ExcludedSegments.Select(e => e.Segment).Distinct().ToList(), metadata.Owner);

    public bool Equals(ServedFlag? other) =>
        other is not null && Key == other.Key && Weight == other.Weight && Phase == other.Phase && StageIndex == other.StageIndex
        && PolicyName == other.PolicyName && Type == other.Type && Excluded.SequenceEqual(other.Excluded);

    public override int GetHashCode() => HashCode.Combine(Key, Weight, Phase, StageIndex, PolicyName, Type, Excluded.Count);
}
