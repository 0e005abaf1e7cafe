using System.Net;
using System.Text.Json;

namespace RolloutController.IntegrationTests.Api;

/// <summary>Status, title and detail of an API answer (RFC 9457 problem details on errors).</summary>
internal sealed record ProblemDetails(HttpStatusCode Status, string? Title, string? Detail)
{
    public static async Task<ProblemDetails> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode || text.Length == 0) return new(response.StatusCode, null, null);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var root = JsonDocument.Parse(text).RootElement;
        return new(response.StatusCode, root.GetProperty("title").GetString(), root.GetProperty("detail").GetString());
    }
}
