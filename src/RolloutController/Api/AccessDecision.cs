namespace RolloutController.Api;

/// <summary>
/// Whether a caller may take an action on a flag of an owner: granted under <see cref="Grant"/>, or refused because it
/// holds no grant covering <see cref="NeededRole"/> for <see cref="NeededScope"/> (an owner, or every owner for
/// controller-wide actions).
/// </summary>
internal sealed record AccessDecision(ApiGrant? Grant, string NeededRole, string NeededScope)
{
    public bool Granted => Grant is not null;

    /// <summary>The owner scope of a controller-wide action: only a grant for every owner covers it.</summary>
    public const string EveryOwner = "every owner";
}
