namespace RolloutController.PolicyFiles;

/// <summary>Every problem the controller's options validators find in a configuration file, each naming its key and value.</summary>
internal sealed record ConfigurationErrors(string File, IReadOnlyList<string> Errors);
