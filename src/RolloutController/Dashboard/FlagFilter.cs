using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Dashboard;

/// <summary>
/// The list's filters, from its query string: <c>q</c> (part of the flag key), <c>owner</c>, <c>phase</c> (a phase, or
/// <c>none</c> for flags without a rollout), <c>type</c> and <c>due</c> (only flags due for review). Every bad value is
/// reported at once and the filter it belongs to is left out.
/// </summary>
internal sealed record FlagFilter(string? Text, string? Owner, string? Phase, string? Type, bool DueOnly)
{
    public const string NoRollout = "none";

    public static FlagFilter Parse(IQueryCollection query, out List<string> errors)
    {
        errors = [];
        string? phase = null;
        if (query["phase"].ToString() is { Length: > 0 } p)
        {
            if (p == NoRollout) phase = p;
            else if (Enum.TryParse<RolloutPhase>(p, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(p[0])) phase = parsed.ToString();
            else errors.Add($"phase must be one of {string.Join(", ", Enum.GetNames<RolloutPhase>())} or {NoRollout} (was '{p}')");
        }
        string? type = null;
        if (query["type"].ToString() is { Length: > 0 } t)
        {
            if (Enum.TryParse<FlagType>(t, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(t[0])) type = FlagRows.Type(parsed);
            else errors.Add($"type must be one of {string.Join(", ", Enum.GetNames<FlagType>().Select(n => n.ToLowerInvariant()))} (was '{t}')");
        }
        var due = query["due"].ToString();
        if (due.Length > 0 && due != "true") errors.Add($"due must be true or left out (was '{due}')");
        return new FlagFilter(Blank(query["q"]), Blank(query["owner"]), phase, type, due == "true");
    }

    public bool Matches(FlagRow row, DateOnly today) =>
        (Text is null || row.Flag.Contains(Text, StringComparison.OrdinalIgnoreCase))
        && (Owner is null || row.Owner == Owner)
        && (Phase is null || (Phase == NoRollout ? row.Phase is null : row.Phase == Phase))
        && (Type is null || row.Type == Type)
        && (!DueOnly || ReviewDue.IsDue(row.Review, today));

    private static string? Blank(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString().Trim() is { Length: > 0 } text ? text : null;
}
