using System.Net.Http.Json;
using System.Text.Json;

namespace RolloutController.SampleService;

/// <summary>Evaluates a boolean flag over OFREP, falling back to off (the safe default) on any error.</summary>
internal sealed class OfrepFlagClient(HttpClient http)
{
    public async Task<bool> IsOnAsync(string flag, string targetingKey, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"ofrep/v1/evaluate/flags/{Uri.EscapeDataString(flag)}",
                new { context = new { targetingKey } }, ct);
            if (!response.IsSuccessStatusCode) return false;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            return doc.RootElement.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.True;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }
}
