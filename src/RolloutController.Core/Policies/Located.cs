namespace RolloutController.Policies;

/// <summary>A value and where it was written, for problems that involve two places (duplicates across files).</summary>
internal sealed record Located(string Value, string File, int Line, int Column, string Path)
{
    public string Where => $"{File}:{Line}:{Column}";
}
