namespace RolloutController.Analysis.Batching;

/// <summary>
/// Finds every <c>L="{{ flag }}"</c> matcher of a query and turns it into <c>L=~"…"</c> with the alternation's place
/// marked. The rules keep the batched form equivalent: <c>{{ flag }}</c> is the whole value (a prefix or regex would
/// select other keys), the matcher is an equality (<c>!=</c> or <c>=~</c> would mean something else per key), the string
/// is double-quoted (the single query's key is escaped for double quotes), and every matcher names the same label.
/// </summary>
internal static class FlagMatchers
{
    private const string Written = "L=\"{{ flag }}\"";

    /// <summary>Null when every matcher qualifies (the label in <paramref name="label"/>, edits added), otherwise why not.</summary>
    public static string? Rewrite(IReadOnlyList<PromQlToken> tokens, List<TextEdit> edits, out string label)
    {
        label = "";
        for (var i = 0; i < tokens.Count; i++)
        {
            var value = tokens[i];
            if (value.Kind != PromQlTokenKind.String || !FlagPlaceholder.Occurs(value.Value!)) continue;
            if (!FlagPlaceholder.IsExactly(value.Value!))
                return $"{{{{ flag }}}} must be the whole value of a label matcher ({Written}), not part of {value.Text}";
            var name = i >= 2 && tokens[i - 1].Kind == PromQlTokenKind.Operator ? PromQlLabelName.Of(tokens[i - 2]) : null;
            if (name is null)
                return $"{{{{ flag }}}} must be the value of a label matcher ({Written}); {value.Text} at offset {value.Start} is not";
            var op = tokens[i - 1].Text;
            if (op != "=")
                return $"the flag must be matched with '=' ({Written}); {name}{op}{value.Text} would select keys differently once several are matched";
            if (value.Text[0] != '"')
                return $"write the flag matcher with double quotes ({Written}): the key is escaped for a double-quoted string";
            if (!PromQlLabelName.IsPlain(name))
                return $"the flag label '{name}' must be a plain label name ([a-zA-Z_][a-zA-Z0-9_]*)";
            if (label.Length > 0 && label != name)
                return $"the flag is matched by two labels, {label} and {name}; batching groups by one";
            label = name;
            edits.Add(new TextEdit(tokens[i - 1].Start, op.Length, "=~"));
            edits.Add(new TextEdit(value.Start, value.Text.Length, "", IsAlternation: true));
        }
        return label.Length == 0 ? $"no label matcher carries the flag ({Written})" : null;
    }
}
