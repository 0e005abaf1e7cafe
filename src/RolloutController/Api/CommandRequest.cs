namespace RolloutController.Api;

/// <summary>Body of a mutating call. The reason is required and recorded with the actor and the time.</summary>
internal sealed record CommandRequest(string? Reason);
