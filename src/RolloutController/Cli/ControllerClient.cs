using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RolloutController.Api;

namespace RolloutController.Cli;

/// <summary>rolloutctl's HTTP client for the controller API. Maps HTTP outcomes to exit codes and readable errors.</summary>
internal sealed class ControllerClient(Uri server, string? token, TextWriter stderr) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs <paramref name="action"/> with a client for <paramref name="server"/> (an absolute http or https URL; a path
    /// prefix is kept). A malformed URL is a usage error, reported on <paramref name="stderr"/>.
    /// </summary>
    public static async Task<int> RunAsync(string server, string? token, TextWriter stderr, Func<ControllerClient, Task<int>> action)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"error: --server must be an absolute http or https URL such as {CommonOptions.DefaultServer}, got '{server}'");
            return ExitCodes.Usage;
        }
        // Relative API paths must resolve under a path prefix (http://host/rollouts/ + api/v1/...), so the base ends in '/'.
        var baseUri = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        using var client = new ControllerClient(baseUri, token, stderr);
        return await action(client);
    }

    public async Task<(int Exit, T? Value)> GetAsync<T>(string path, CancellationToken ct) =>
        await SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary><c>GET /api/v1/rollouts/{flag}</c>, with the gate fields read from the same answer.</summary>
    /// <param name="quietWhenNotFound">A 404 is only the exit code, not an error message: the caller has somewhere else to look.</param>
    public async Task<(int Exit, RolloutSnapshot? Snapshot)> GetRolloutAsync(string flag, CancellationToken ct, bool quietWhenNotFound = false)
    {
        var (exit, json) = await SendAsync<JsonElement>(new HttpRequestMessage(HttpMethod.Get, $"api/v1/rollouts/{Uri.EscapeDataString(flag)}"), ct,
            quietWhenNotFound);
        if (exit != ExitCodes.Ok) return (exit, null);
        return (exit, new RolloutSnapshot(json.Deserialize<RolloutDetail>(CliJson.Options)!, RolloutGate.Read(json)));
    }

    public async Task<(int Exit, T? Value)> PostAsync<T>(string path, object body, CancellationToken ct) =>
        await SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: CliJson.Options) }, ct);

    private async Task<(int, T?)> SendAsync<T>(HttpRequestMessage request, CancellationToken ct, bool quietWhenNotFound = false)
    {
        if (!string.IsNullOrEmpty(token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C: not a failure of the controller, so no error message.
            return (ExitCodes.Interrupted, default);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"error: cannot reach the controller at {server}: {ex.Message} (set --server or ROLLOUTCTL_SERVER)");
            return (ExitCodes.Unreachable, default);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return (ExitCodes.Ok, await response.Content.ReadFromJsonAsync<T>(CliJson.Options, ct));
            if (quietWhenNotFound && response.StatusCode == HttpStatusCode.NotFound) return (ExitCodes.NotFound, default);
            var problem = ProblemText.Of(await response.Content.ReadAsStringAsync(ct), response.ReasonPhrase);
            await stderr.WriteLineAsync($"error: {(int)response.StatusCode} {problem}");
            return (ExitCodes.Of(response.StatusCode), default);
        }
    }

    public void Dispose() => _http.Dispose();
}
