using System.Text;
using System.Text.Json;
using RolloutController.EventStreams;
using RolloutController.Flags.Changes;

namespace RolloutController.Ofrep;

/// <summary>
/// ADR-0008's refetch event: <c>id:</c> the catalog ETag, <c>event: message</c>,
/// <c>data: {"type":"refetchEvaluation","etag":…,"lastModified":…}</c>. A client that has the ETag is not told again.
/// </summary>
internal sealed class OfrepEventFormat : EventStreamFormat
{
    public static readonly OfrepEventFormat Instance = new();

    public override byte[] Event(FlagChange change) => Encoding.UTF8.GetBytes(Text(change.ETag, change.At));

    public override string? Id(FlagChange change) => change.ETag;

    /// <summary>The event telling a client that <paramref name="etag"/> (from <paramref name="at"/>) is to be fetched.</summary>
    public static string Text(string etag, DateTimeOffset at)
    {
        var data = JsonSerializer.Serialize(new OfrepRefetchEvent("refetchEvaluation", etag, at.ToUnixTimeSeconds()),
            OfrepJsonContext.Default.OfrepRefetchEvent);
        return $"id: {etag}\nevent: message\ndata: {data}\n\n";
    }
}
