using System.Text.Json;
using System.Text.Json.Serialization;
using RolloutController.Time;

namespace RolloutController.Backtesting;

/// <summary>Durations in JSON as policies write them ("5m", "1h30m") rather than "00:05:00". Sub-millisecond parts are dropped.</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DurationParser.TryParse(reader.GetString(), out var value, out var error) ? value : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary><see cref="DurationParser.Format"/> of the duration cut to whole milliseconds.</summary>
    public static string Format(TimeSpan value) =>
        DurationParser.Format(TimeSpan.FromTicks(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond));
}
