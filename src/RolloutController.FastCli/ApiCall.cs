using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RolloutController.Cli;

namespace RolloutController.FastCli;

/// <summary>
/// One change through the controller's API: POST the reason (and segment) as JSON, print the outcome line, map the
/// answer to rolloutctl's exit codes and error messages (<see cref="ExitCodes"/>, <see cref="ProblemText"/>).
/// </summary>
internal static class ApiCall
{
    public static async Task<int> RunAsync(string server, string? token, string path, string reason, string? segment,
        Func<JsonElement, string> outcome, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"error: --server must be an absolute http or https URL such as {CommonOptions.DefaultServer}, got '{server}'");
            return ExitCodes.Usage;
        }
        var baseUri = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Body(reason, segment)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"error: cannot reach the controller at {baseUri}: {ex.Message} (set --server or ROLLOUTCTL_SERVER)");
            return ExitCodes.Unreachable;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                await stderr.WriteLineAsync($"error: {(int)response.StatusCode} {ProblemText.Of(body, response.ReasonPhrase)}");
                return ExitCodes.Of(response.StatusCode);
            }
            using var doc = JsonDocument.Parse(body);
            // Served but not stored yet (the store is failing): it took effect, and the person must know it is not stored.
            if (doc.RootElement.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String)
                await stderr.WriteLineAsync($"warning: {note.GetString()}");
            await stdout.WriteLineAsync(outcome(doc.RootElement));
            return ExitCodes.Ok;
        }
    }

    /// <summary>The command body, written without reflection so the program compiles ahead of time.</summary>
    public static byte[] Body(string reason, string? segment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reason", reason);
            if (segment is not null) json.WriteString("segment", segment);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
