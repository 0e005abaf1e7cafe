namespace RolloutController.Policies;

/// <summary>When the flag should be deleted from code, and the date a person must look at it again.</summary>
/// <param name="Lifetime">
/// <c>removal.lifetime</c>: how long the flag may stay once it is done, overriding its type's default
/// (<see cref="Lifecycle.FlagLifetimes"/>); null keeps the default.
/// </param>
internal sealed record RemovalSpec(string Criterion, DateOnly ReviewBy, TimeSpan? Lifetime = null);
