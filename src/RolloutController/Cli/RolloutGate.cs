using System.Text.Json;

namespace RolloutController.Cli;

/// <summary>
/// Why a rollout cannot advance now (<see cref="Blocked"/>) and which triggers it accepts now (<see cref="Permitted"/>,
/// lower-case trigger names), as the rollout detail reports them; each is null when the controller does not report it
/// (an older controller), and then nothing is shown for it.
/// </summary>
internal sealed record RolloutGate(IReadOnlyList<string>? Blocked, IReadOnlyList<string>? Permitted)
{
    public static RolloutGate None { get; } = new(null, null);

    /// <summary>Reads <c>blocked</c> and <c>permitted</c> from the detail object, or else from its <c>rollout</c> summary.</summary>
    public static RolloutGate Read(JsonElement detail)
    {
        if (detail.ValueKind != JsonValueKind.Object) return None;
        var summary = detail.TryGetProperty("rollout", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        return new(Strings(detail, summary, "blocked"), Strings(detail, summary, "permitted"));
    }

    private static List<string>? Strings(JsonElement detail, JsonElement summary, string name)
    {
        if (!detail.TryGetProperty(name, out var array) && (summary.ValueKind != JsonValueKind.Object || !summary.TryGetProperty(name, out array)))
            return null;
        if (array.ValueKind != JsonValueKind.Array) return null;
        return array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
    }
}
