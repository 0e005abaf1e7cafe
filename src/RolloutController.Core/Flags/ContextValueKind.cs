namespace RolloutController.Flags;

/// <summary>The type of an evaluation-context attribute (or of a condition's literal).</summary>
internal enum ContextValueKind
{
    /// <summary>Null, an object, an array: no operator matches it.</summary>
    Other,
    String,
    Number,
    Boolean,
}
