namespace RolloutController.Lifecycle;

/// <summary>The only three outcomes of a flag's review.</summary>
internal enum ReviewVerdict
{
    /// <summary>Remove the flag from code (and then its policy).</summary>
    Delete,

    /// <summary>Keep it until a later date.</summary>
    Extend,

    /// <summary>Keep it for good as an operational flag, reviewed quarterly.</summary>
    PromoteToOps,
}
