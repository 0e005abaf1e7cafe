namespace RolloutController.Policies;

/// <summary>A validated rollout policy, as declared in one YAML file under <c>policies/</c>.</summary>
/// <param name="Source">File the policy was read from, for messages.</param>
/// <param name="Revision">Content hash of the source document, recorded with every transition.</param>
internal sealed record RolloutPolicy(
    PolicyMetadata Metadata,
    FlagSpec Flag,
    IReadOnlyList<StageSpec> Stages,
    AnalysisSpec Analysis,
    IReadOnlyList<string> Notify,
    string Source,
    string Revision)
{
    /// <summary>Release windows, scheduled start and mode (<c>spec.windows</c>, <c>spec.startAt</c>, <c>spec.mode</c>); none by default.</summary>
    public GovernanceSpec Governance { get; init; } = GovernanceSpec.None;

    /// <summary>1% 24h, 10% 48h, 50% 72h, 100% 168h: the ramp used when a policy names no stages.</summary>
    public static IReadOnlyList<StageSpec> DefaultStages { get; } =
    [
        new(1m, TimeSpan.FromHours(24)),
        new(10m, TimeSpan.FromHours(48)),
        new(50m, TimeSpan.FromHours(72)),
        new(100m, TimeSpan.FromHours(168)),
    ];
}
