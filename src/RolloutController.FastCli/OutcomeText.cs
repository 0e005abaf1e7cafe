using System.Globalization;
using System.Text.Json;

namespace RolloutController.FastCli;

/// <summary>
/// The line printed after a change, read from the API's answer: the same words as rolloutctl's
/// (<c>new-checkout: Aborted at 0% (stage 2 of 4)</c>; <c>new-checkout: OFF — every context gets 'off'</c>).
/// </summary>
internal static class OutcomeText
{
    public static string Rollout(JsonElement detail)
    {
        var r = detail.GetProperty("rollout");
        var weight = Percent(r.GetProperty("weight").GetDecimal());
        if (r.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "dry-run")
            weight += $" (dry run, serves {Percent(r.TryGetProperty("servedWeight", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDecimal() : 0)})";
        return $"{r.GetProperty("flag").GetString()}: {r.GetProperty("phase").GetString()} at {weight} "
            + $"(stage {r.GetProperty("stage").GetInt32()} of {r.GetProperty("stages").GetInt32()})";
    }

    public static string Flag(JsonElement detail)
    {
        var flag = detail.GetProperty("flag").GetString();
        var line = detail.TryGetProperty("switchedOff", out var off) && off.ValueKind == JsonValueKind.Object
            ? $"{flag}: OFF — every context gets '{detail.GetProperty("defaultVariant").GetString()}'"
            : $"{flag}: on";
        return detail.TryGetProperty("rolloutNote", out var note) && note.ValueKind == JsonValueKind.String
            ? $"{line}{Environment.NewLine}{flag}: {note.GetString()}"
            : line;
    }

    private static string Percent(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
