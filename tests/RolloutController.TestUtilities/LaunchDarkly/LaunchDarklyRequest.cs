namespace RolloutController.TestUtilities.LaunchDarkly;

/// <summary>One request the LaunchDarkly contract server received, and the status it answered.</summary>
public sealed record LaunchDarklyRequest(string Method, string PathAndQuery, string Authorization, string? ContentType, string Body, int Status);
