using RolloutController.Policies;

namespace RolloutController.Flags;

/// <summary>A validated <c>kind: Flag</c> document: what the flag serves, to whom, and in which order it decides.</summary>
/// <param name="Variants">Every value it can serve; all of one <see cref="VariantKind"/>.</param>
/// <param name="DefaultVariant">Index of the variant served when disabled or when a prerequisite is not met.</param>
/// <param name="Salt">What keys are bucketed with (hash of salt + targeting key): the flag key unless <c>bucketing.salt</c> says otherwise; flags
/// sharing a salt bucket every key identically, so the smaller share is inside the larger.</param>
/// <param name="KeyAt">Where the key was written.</param>
internal sealed record FlagDefinition(
    PolicyMetadata Metadata,
    FlagLayer Layer,
    string Key,
    FlagState State,
    FlagVariant[] Variants,
    int DefaultVariant,
    string Salt,
    FlagPrerequisite[] Prerequisites,
    FlagRule[] Rules,
    Fallthrough Fallthrough,
    string Source,
    string Revision,
    Located KeyAt)
{
    public VariantKind Kind => Variants[0].Kind;

    public int VariantIndex(string name) => Array.FindIndex(Variants, v => v.Name == name);

    /// <summary>
    /// The flag a <c>RolloutPolicy</c> without a Flag document drives: boolean, <c>on</c>/<c>off</c>, off by default, the ramped
    /// share on — what every policy meant before flags had documents.
    /// </summary>
    public static FlagDefinition Implicit(RolloutPolicy policy) => Implicit(policy.Flag.Key, policy.Metadata, policy.Source, policy.Revision);

    /// <inheritdoc cref="Implicit(RolloutPolicy)"/>
    public static FlagDefinition Implicit(string key, PolicyMetadata metadata, string source = "", string revision = "") =>
        new(metadata, FlagLayer.App, key, FlagState.Enabled, ImplicitVariants, 1, key, [], [],
            new Fallthrough(FallthroughKind.Rollout, 0, 1, []), source, revision, new Located(key, source, 1, 1, "spec.flag.key"));

    /// <summary><c>on: true</c>, <c>off: false</c>: the variants of a flag without a document.</summary>
    public static readonly FlagVariant[] ImplicitVariants =
    [
        new("on", VariantKind.Boolean, System.Text.Json.JsonDocument.Parse("true").RootElement.Clone()),
        new("off", VariantKind.Boolean, System.Text.Json.JsonDocument.Parse("false").RootElement.Clone()),
    ];
}
