namespace RolloutController.Policies;

/// <summary>
/// Bounds on one policy file, so a corrupt or hostile file costs bounded memory, stack and time to reject instead of
/// stopping the controller. Far above what policies need: the deepest field is six levels down and a policy is a few
/// kilobytes. docs/policies.md lists them.
/// </summary>
internal static class PolicyLimits
{
    /// <summary>Largest policy file, in bytes (UTF-8): 1 MiB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences. The YAML object model is built recursively, so without a
    /// bound a deeply nested file overflows the stack, which no handler can catch.</summary>
    public const int MaxDepth = 20;

    /// <summary>Most nodes a file may have with every alias counted as the nodes it stands for (a few bytes of
    /// aliases can otherwise stand for billions of nodes).</summary>
    public const int MaxNodes = 100_000;
}
