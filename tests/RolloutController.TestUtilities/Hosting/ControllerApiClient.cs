using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>Small helpers over the controller's HTTP surface: the operator API, OFREP and waiting for a rollout state.</summary>
public sealed class ControllerApiClient(Uri baseUri) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary><c>GET /api/v1/rollouts/{flag}</c> with <paramref name="token"/> (default the operator token); throws unless 200.</summary>
    public async Task<JsonElement> GetRolloutAsync(string flag, string? token = TestTokens.Operator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/rollouts/{Uri.EscapeDataString(flag)}");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET rollout {flag}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary><c>POST /api/v1/rollouts/{flag}/{action}</c> with an optional bearer token and reason; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> CommandAsync(string flag, string action, string? token, string? reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Uri.EscapeDataString(flag)}/{action}")
        {
            Content = JsonContent.Create(new { reason }),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }

    /// <summary>Runs a command with the operator token and returns the rollout detail it answers; throws unless 200.</summary>
    public async Task<JsonElement> CommandOkAsync(string flag, string action, string reason)
    {
        using var response = await CommandAsync(flag, action, TestTokens.Operator, reason);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{action} {flag}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary><c>POST /api/v1/flags/{flag}/{action}</c> (the kill switch) with an optional bearer token and reason; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> SwitchAsync(string flag, string action, string? token, string? reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/flags/{Uri.EscapeDataString(flag)}/{action}")
        {
            Content = JsonContent.Create(new { reason }),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }

    /// <summary>Switches a flag off or on with the operator token and returns the flag detail it answers; throws unless 200.</summary>
    public async Task<JsonElement> SwitchOkAsync(string flag, string action, string reason)
    {
        using var response = await SwitchAsync(flag, action, TestTokens.Operator, reason);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.OK) throw new HttpRequestException($"flag {action} {flag}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary><c>GET /api/v1/flags/{flag}</c> with the operator token; throws unless 200.</summary>
    public async Task<JsonElement> GetFlagAsync(string flag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/flags/{Uri.EscapeDataString(flag)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Operator);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET flag {flag}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Evaluates any flag over OFREP for one context; returns the whole answer (value, variant, reason, metadata).</summary>
    public async Task<JsonElement> EvaluateJsonAsync(string flag, object context)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { context }), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"ofrep/v1/evaluate/flags/{Uri.EscapeDataString(flag)}", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"OFREP {flag}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Evaluates a boolean flag over OFREP for one targeting key; returns the served value.</summary>
    public async Task<bool> EvaluateAsync(string flag, string targetingKey)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { context = new { targetingKey } }), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"ofrep/v1/evaluate/flags/{Uri.EscapeDataString(flag)}", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"OFREP {flag}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("value").GetBoolean();
    }

    /// <summary>
    /// Polls the rollout until <paramref name="condition"/> holds for its detail; throws after <paramref name="timeout"/>
    /// with the last detail seen.
    /// </summary>
    public async Task<JsonElement> WaitForRolloutAsync(string flag, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        var elapsed = Stopwatch.StartNew();
        var last = "no answer yet";
        while (elapsed.Elapsed < timeout)
        {
            try
            {
                var detail = await GetRolloutAsync(flag);
                if (condition(detail)) return detail;
                last = detail.ToString();
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException($"rollout '{flag}' did not reach '{what}' within {timeout}; last: {last}");
    }

    /// <summary>Summary of a rollout detail: <c>rollout.phase</c>.</summary>
    public static string Phase(JsonElement detail) => detail.GetProperty("rollout").GetProperty("phase").GetString()!;

    /// <summary>Summary of a rollout detail: <c>rollout.stage</c> (1-based).</summary>
    public static int Stage(JsonElement detail) => detail.GetProperty("rollout").GetProperty("stage").GetInt32();

    public void Dispose() => Http.Dispose();
}
