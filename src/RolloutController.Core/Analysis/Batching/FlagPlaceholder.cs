using System.Text.RegularExpressions;

namespace RolloutController.Analysis.Batching;

/// <summary>
/// <c>{{ flag }}</c> left standing in an otherwise rendered query. Rollouts whose queries read the same with the flag
/// left out can share one batched query; <see cref="RenderOthers"/> gives that text, the input of <see cref="BatchTemplate.Analyze"/>.
/// </summary>
internal static partial class FlagPlaceholder
{
    public const string Text = "{{ flag }}";

    /// <summary>
    /// Substitutes every variable of <paramref name="template"/> but <c>{{ flag }}</c>, which becomes <see cref="Text"/>
    /// (escaping leaves it as it is: it has no quote, backslash or control character).
    /// </summary>
    public static string RenderOthers(string template, IReadOnlyDictionary<string, string> variables) =>
        QueryTemplate.Render(template, new Dictionary<string, string>(variables, StringComparer.Ordinal) { [QueryTemplate.Flag] = Text });

    /// <summary>True when <c>{{ flag }}</c> (with any spacing) occurs in <paramref name="text"/>.</summary>
    public static bool Occurs(string text) => QueryTemplate.Uses(text, QueryTemplate.Flag);

    /// <summary>True when <paramref name="value"/> is <c>{{ flag }}</c> and nothing else.</summary>
    public static bool IsExactly(string value) => ExactPattern().IsMatch(value);

    [GeneratedRegex(@"^\{\{\s*flag\s*\}\}\z")]
    private static partial Regex ExactPattern();
}
