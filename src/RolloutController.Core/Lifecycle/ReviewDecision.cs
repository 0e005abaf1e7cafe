namespace RolloutController.Lifecycle;

/// <summary>A recorded review verdict: what, until when (for <see cref="ReviewVerdict.Extend"/>), when and by whom.</summary>
internal sealed record ReviewDecision(ReviewVerdict Verdict, DateOnly? Until, DateTimeOffset At, string Actor)
{
    /// <summary>As the audit log's <c>after</c>: <c>delete</c>, <c>extend until 2027-01-31</c>, <c>promote-to-ops</c>.</summary>
    public string Text => Verdict switch
    {
        ReviewVerdict.Extend => $"extend until {Until:yyyy-MM-dd}",
        ReviewVerdict.PromoteToOps => "promote-to-ops",
        _ => "delete",
    };

    /// <summary>The decision an audit entry's <c>after</c> records, or null when it is not one.</summary>
    public static ReviewDecision? Parse(string? text, DateTimeOffset at, string actor) => text switch
    {
        "delete" => new(ReviewVerdict.Delete, null, at, actor),
        "promote-to-ops" => new(ReviewVerdict.PromoteToOps, null, at, actor),
        { } t when t.StartsWith("extend until ", StringComparison.Ordinal)
                   && DateOnly.TryParseExact(t["extend until ".Length..], "yyyy-MM-dd", out var until) => new(ReviewVerdict.Extend, until, at, actor),
        _ => null,
    };
}
