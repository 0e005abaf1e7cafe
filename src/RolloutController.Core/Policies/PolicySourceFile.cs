namespace RolloutController.Policies;

/// <summary>A policy file's path (used in messages and as <see cref="RolloutPolicy.Source"/>) and its text.</summary>
internal sealed record PolicySourceFile(string Path, string Text);
