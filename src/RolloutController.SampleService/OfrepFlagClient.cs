using System.Net.Http.Json;
using System.Text.Json;

namespace RolloutController.SampleService;

/// <summary>
/// Evaluates a boolean flag over OFREP. When the controller cannot be asked (unreachable, timed out, a 5xx or 429,
/// an answer it cannot read) the request gets the last answer the controller gave for that user, else off
/// (<see cref="LastKnownGood"/>). A 4xx other than 429 is the controller's answer (the flag is unknown or the request
/// invalid): the code default, and no outage.
/// </summary>
internal sealed class OfrepFlagClient(HttpClient http, LastKnownGood lastKnownGood)
{
    public async Task<FlagAnswer> EvaluateAsync(string flag, string targetingKey, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"ofrep/v1/evaluate/flags/{Uri.EscapeDataString(flag)}",
                new { context = new { targetingKey } }, ct);
            if ((int)response.StatusCode is >= 500 or 429) return lastKnownGood.Fallback(flag, targetingKey);
            if (!response.IsSuccessStatusCode) return new FlagAnswer(false, FlagAnswerSource.Controller);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            var on = doc.RootElement.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.True;
            lastKnownGood.Remember(flag, targetingKey, on);
            return new FlagAnswer(on, FlagAnswerSource.Controller);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return lastKnownGood.Fallback(flag, targetingKey);
        }
    }
}
