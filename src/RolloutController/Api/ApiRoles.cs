namespace RolloutController.Api;

/// <summary>
/// The API's roles, least privileged first. Each includes every role before it: an admin may do what a release manager
/// may, a release manager what an operator may, an operator what a viewer may. What each may call: <see cref="ApiPolicies"/>.
/// </summary>
internal static class ApiRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string ReleaseManager = "release-manager";
    public const string Admin = "admin";

    /// <summary>Every role, least privileged first.</summary>
    private static readonly string[] InOrder = [Viewer, Operator, ReleaseManager, Admin];

    public static readonly IReadOnlyList<string> Ordered = InOrder;

    public static readonly IReadOnlySet<string> All = new HashSet<string>(Ordered, StringComparer.Ordinal);

    /// <summary>Position in <see cref="Ordered"/>; -1 for an unknown name (which grants nothing).</summary>
    public static int Rank(string role) => Array.IndexOf(InOrder, role);

    /// <summary>True when <paramref name="held"/> is <paramref name="needed"/> or includes it.</summary>
    public static bool Covers(string held, string needed) => Rank(held) >= 0 && Rank(held) >= Rank(needed);

    /// <summary><paramref name="role"/> and every role it includes; nothing for an unknown name.</summary>
    public static IReadOnlyList<string> Implied(string role) => Rank(role) < 0 ? [] : [.. Ordered.Take(Rank(role) + 1)];
}
