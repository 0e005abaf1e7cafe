using RolloutController.Analysis.Segments;

namespace RolloutController.Flags;

/// <summary>
/// A flag ready to evaluate: its definition, what it serves right now, and its prerequisites and segments resolved to
/// objects, so evaluating looks nothing up. Built by <see cref="FlagGraph"/>; immutable.
/// </summary>
internal sealed class ServableFlag
{
    public ServableFlag(FlagDefinition definition, FlagLiveState live, ServablePrerequisite[] prerequisites, SegmentDefinition?[] ruleSegments)
    {
        Definition = definition;
        Live = live;
        Prerequisites = prerequisites;
        RuleSegments = ruleSegments;
        Disabled = definition.State == FlagState.Disabled || live.SwitchedOff;
        Excluded = live.Excluded.ToArray();
        Targeted = definition.Rules.Length > 0 || prerequisites.Length > 0;
    }

    public FlagDefinition Definition { get; }

    public FlagLiveState Live { get; }

    public string Key => Definition.Key;

    /// <summary>Declared disabled, or switched off: the default variant for everyone.</summary>
    public bool Disabled { get; }

    public ServablePrerequisite[] Prerequisites { get; }

    /// <summary>Per rule (same index), the segment it names, or null.</summary>
    public SegmentDefinition?[] RuleSegments { get; }

    public Segment[] Excluded { get; }

    /// <summary>Has rules or prerequisites: what it serves may depend on the context beyond the targeting key.</summary>
    public bool Targeted { get; }
}
