namespace RolloutController.Api;

internal static class ApiRoles
{
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Operator, Viewer };
}
