namespace RolloutController.Analysis.Batching;

/// <summary>
/// Reads the fixed pieces of PromQL syntax — label lists, matcher lists, durations, <c>@</c> times — from a
/// <see cref="TokenCursor"/>. Each returns null or false when the text does not fit, with the reason on the cursor.
/// </summary>
internal static class PromQlReader
{
    /// <summary><c>by (…)</c> or <c>without (…)</c> when one follows; null when none does or it is malformed (then the cursor has refused).</summary>
    public static (bool Without, GroupingLabels Labels)? GroupingClause(TokenCursor cursor)
    {
        if (!cursor.Peek.Is(PromQlTokenKind.Keyword, "by") && !cursor.Peek.Is(PromQlTokenKind.Keyword, "without")) return null;
        var without = cursor.Advance().Is(PromQlTokenKind.Keyword, "without");
        return Labels(cursor) is { } labels ? (without, labels) : null;
    }

    /// <summary>A parenthesised list of label names, possibly empty, possibly ending with a comma.</summary>
    public static GroupingLabels? Labels(TokenCursor cursor)
    {
        if (!cursor.Expect(PromQlTokenKind.LeftParen, "'('")) return null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var endsWithComma = false;
        while (cursor.Peek.Kind != PromQlTokenKind.RightParen)
        {
            if (PromQlLabelName.Of(cursor.Peek) is not { } name)
            {
                cursor.Unexpected();
                return null;
            }
            cursor.Advance();
            names.Add(name);
            endsWithComma = cursor.Peek.Kind == PromQlTokenKind.Comma;
            if (!endsWithComma) break;
            cursor.Advance();
        }
        var close = cursor.Peek.Start;
        return cursor.Expect(PromQlTokenKind.RightParen, "')'") ? new GroupingLabels(names, close, endsWithComma) : null;
    }

    /// <summary>
    /// The <c>{…}</c> of a selector when one follows: true when a matcher is <paramref name="label"/><c>="{{ flag }}"</c>,
    /// false when none is (or there are no braces), null when the matchers are malformed.
    /// </summary>
    public static bool? SelectsFlag(TokenCursor cursor, string label)
    {
        if (cursor.Peek.Kind != PromQlTokenKind.LeftBrace) return false;
        cursor.Advance();
        var selectsFlag = false;
        while (cursor.Peek.Kind != PromQlTokenKind.RightBrace)
        {
            var name = cursor.Advance();
            // A quoted metric name standing alone: {"my.metric", flag="…"}.
            var quotedName = name.Kind == PromQlTokenKind.String && cursor.Peek.Kind is PromQlTokenKind.Comma or PromQlTokenKind.RightBrace;
            if (!quotedName)
            {
                var labelName = PromQlLabelName.Of(name);
                var op = cursor.Advance();
                var value = cursor.Advance();
                if (labelName is null || op.Kind != PromQlTokenKind.Operator || op.Text is not ("=" or "!=" or "=~" or "!~") || value.Kind != PromQlTokenKind.String)
                {
                    cursor.Refuse($"a label matcher at offset {name.Start} is not name, operator and string");
                    return null;
                }
                // Other matchers on the flag label may stay: they filter each flag's series as in its own query.
                selectsFlag |= labelName == label && FlagPlaceholder.IsExactly(value.Value!);
            }
            if (cursor.Peek.Kind != PromQlTokenKind.Comma) break;
            cursor.Advance();
        }
        return cursor.Expect(PromQlTokenKind.RightBrace, "'}'") ? selectsFlag : null;
    }

    /// <summary>A range, step or offset: a duration (<c>5m</c>) or a number of seconds.</summary>
    public static bool Duration(TokenCursor cursor)
    {
        if (cursor.Peek.Kind is not (PromQlTokenKind.Duration or PromQlTokenKind.Number)) return cursor.Unexpected();
        cursor.Advance();
        return true;
    }

    /// <summary>An offset, which may be negative.</summary>
    public static bool SignedDuration(TokenCursor cursor)
    {
        if (cursor.Peek.Is(PromQlTokenKind.Operator, "-")) cursor.Advance();
        return Duration(cursor);
    }

    /// <summary>What follows <c>@</c>: a Unix time, <c>start()</c> or <c>end()</c>.</summary>
    public static bool AtTime(TokenCursor cursor)
    {
        if (cursor.Peek.Kind == PromQlTokenKind.Identifier && cursor.Peek.Text is "start" or "end")
        {
            cursor.Advance();
            return cursor.Expect(PromQlTokenKind.LeftParen, "'('") && cursor.Expect(PromQlTokenKind.RightParen, "')'");
        }
        if (cursor.Peek.Is(PromQlTokenKind.Operator, "-") || cursor.Peek.Is(PromQlTokenKind.Operator, "+")) cursor.Advance();
        if (cursor.Peek.Kind != PromQlTokenKind.Number) return cursor.Unexpected();
        cursor.Advance();
        return true;
    }
}
