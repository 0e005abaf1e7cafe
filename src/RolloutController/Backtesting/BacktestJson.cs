using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Api;

namespace RolloutController.Backtesting;

/// <summary>The <c>--output json</c> form of a report: the API's JSON conventions, durations written like "5m".</summary>
internal static class BacktestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(BacktestReport report) => JsonSerializer.Serialize(report, Options);

    private static JsonSerializerOptions Create()
    {
        var options = ApiJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // Printed to a terminal or a file, never embedded in HTML: keep quotes and '→' readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        options.Converters.Add(new DurationJsonConverter());
        return options;
    }
}
