namespace RolloutController.Policies;

/// <summary>
/// One problem found in a policy file. Whatever text it is given, its text form stays one line that starts with a
/// position: path and message are escaped (<see cref="DiagnosticText"/>), line and column are at least 1, and the file
/// is escaped when written out.
/// </summary>
/// <param name="File">Path of the file as it was given to the loader (kept as is: it identifies the file).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Path">Field path inside the document, e.g. <c>spec.stages[1].weight</c>; empty for file-level problems.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
/// <param name="IsWarning">A warning (a segment no flag uses): reported, but the file stays valid and is applied.</param>
internal sealed record PolicyDiagnostic(string File, int Line, int Column, string Path, string Message, bool IsWarning = false)
{
    // Field paths carry key names from the file; messages quote values. Both are bounded so one odd file cannot
    // flood logs and terminals.
    private const int MaxPathLength = 200;
    private const int MaxMessageLength = 1000;

    public int Line { get; } = Math.Max(1, Line);

    public int Column { get; } = Math.Max(1, Column);

    public string Path { get; } = DiagnosticText.Escape(Path, MaxPathLength);

    public string Message { get; } = DiagnosticText.Escape(Message, MaxMessageLength);

    /// <summary>Compiler-style: <c>policies/a.yaml:12:7: error: spec.stages[1].weight: must be greater than …</c>.</summary>
    public override string ToString() =>
        Path.Length == 0
            ? $"{DiagnosticText.Escape(File)}:{Line}:{Column}: {Severity}: {Message}"
            : $"{DiagnosticText.Escape(File)}:{Line}:{Column}: {Severity}: {Path}: {Message}";

    /// <summary><c>error</c> or <c>warning</c>, as printed.</summary>
    public string Severity => IsWarning ? "warning" : "error";
}
