namespace RolloutController.Flags;

/// <summary>What a flag serves to contexts no rule matched.</summary>
internal enum FallthroughKind
{
    /// <summary>One variant to everyone.</summary>
    Variant,

    /// <summary>A fixed split of targeting keys over variants.</summary>
    Split,

    /// <summary>The share a <c>RolloutPolicy</c> ramps gets one variant, the rest another.</summary>
    Rollout,
}
