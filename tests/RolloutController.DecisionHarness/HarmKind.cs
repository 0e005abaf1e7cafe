namespace RolloutController.DecisionHarness;

/// <summary>What goes wrong in a simulated rollout, if anything.</summary>
internal enum HarmKind
{
    /// <summary>A/A: canary and baseline identical, correctly split. Every rollback is a false one.</summary>
    None,

    /// <summary>The canary's error rate doubles from the harm's stage on.</summary>
    ErrorRate,

    /// <summary>The canary's conversion rate drops by 10 % (relative) from the harm's stage on.</summary>
    Conversion,

    /// <summary>The canary is served to more traffic than configured (sample ratio mismatch) from the harm's stage on.</summary>
    SampleRatio,
}
