namespace RolloutController.Policies;

/// <summary>One problem found in a policy file.</summary>
/// <param name="File">Path of the file as it was given to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Path">Field path inside the document, e.g. <c>spec.stages[1].weight</c>; empty for file-level problems.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
internal sealed record PolicyDiagnostic(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>Compiler-style: <c>policies/a.yaml:12:7: error: spec.stages[1].weight: must be greater than …</c>.</summary>
    public override string ToString() =>
        Path.Length == 0
            ? $"{File}:{Line}:{Column}: error: {Message}"
            : $"{File}:{Line}:{Column}: error: {Path}: {Message}";
}
