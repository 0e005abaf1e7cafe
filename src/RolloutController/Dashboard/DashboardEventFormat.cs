using System.Text;
using System.Text.Json;
using RolloutController.EventStreams;
using RolloutController.Flags.Changes;

namespace RolloutController.Dashboard;

/// <summary>One change as the dashboard's event: <c>event: change</c>, <c>data: {"flags": [...], "sequence": n}</c>.</summary>
internal sealed class DashboardEventFormat : EventStreamFormat
{
    public static readonly DashboardEventFormat Instance = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override byte[] Event(FlagChange change) =>
        Encoding.UTF8.GetBytes($"event: change\ndata: {JsonSerializer.Serialize(new DashboardChange(change.Flags, change.Sequence), Json)}\n\n");
}
