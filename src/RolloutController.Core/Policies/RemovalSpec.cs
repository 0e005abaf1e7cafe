namespace RolloutController.Policies;

/// <summary>When the flag should be deleted from code, and the date a person must look at it again.</summary>
internal sealed record RemovalSpec(string Criterion, DateOnly ReviewBy);
