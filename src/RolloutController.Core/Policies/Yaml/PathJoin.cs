namespace RolloutController.Policies.Yaml;

/// <summary>Builds field paths as they appear in diagnostics: <c>spec.stages[1].weight</c>.</summary>
internal static class PathJoin
{
    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
