using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.Flags.Platforms;

namespace RolloutController.Flags.LaunchDarkly;

/// <summary>
/// Drives one LaunchDarkly environment through its REST API: reads the flag (<c>GET /api/v2/flags/{project}/{flag}?env=</c>)
/// and writes it with one semantic patch (<c>PATCH</c> the same path, <see cref="LaunchDarklyRolloutFlag"/>) whose comment
/// says why. The access token goes in <c>Authorization</c> without a scheme, as LaunchDarkly expects it. A refusal — approval
/// required (405), a conflict (400, 409), a token refused (401, 403), a rate limit (429) — is a failure with its reason.
/// </summary>
internal sealed class LaunchDarklyPlatform(string name, FlagPlatformConnection connection, string token, HttpClient http, TimeProvider time,
    ILogger logger) : IFlagPlatform
{
    public const string PlatformType = "launchdarkly";

    /// <summary>Where LaunchDarkly's API is when the connection names no <c>Url</c>.</summary>
    public const string DefaultUrl = "https://app.launchdarkly.com";

    /// <summary>The content type of a semantic patch.</summary>
    public const string SemanticPatch = "application/json; domain-model=launchdarkly.semanticpatch";

    // The last reading of each flag: the variation and rule ids the next patch names.
    private readonly Dictionary<string, LaunchDarklyReading> _readings = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Name => name;

    private string Environment => connection.Environment!;

    private string FlagPath(string flagKey) => $"api/v2/flags/{Uri.EscapeDataString(connection.Project)}/{Uri.EscapeDataString(flagKey)}";

    public async Task<PlatformCall<PlatformFlagState>> ReadAsync(string flagKey, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, $"{FlagPath(flagKey)}?env={Uri.EscapeDataString(Environment)}", null, cancellationToken);
        if (!answer.Succeeded) return PlatformCall<PlatformFlagState>.Failed(answer.Failure!, answer.RetryAfter);
        try
        {
            var (reading, failure) = LaunchDarklyRolloutFlag.Read(flagKey, Environment, JsonNode.Parse(answer.Value!));
            if (reading is null) return PlatformCall<PlatformFlagState>.Failed(failure!);
            lock (_gate) _readings[flagKey] = reading;
            return PlatformCall<PlatformFlagState>.Ok(reading.State);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return PlatformCall<PlatformFlagState>.Failed($"unexpected answer reading flag '{flagKey}': {e.Message}");
        }
    }

    /// <summary>One semantic patch with everything that differs, its comment the reason; LaunchDarkly applies it whole or not at all.</summary>
    public async Task<PlatformCall<bool>> WriteAsync(string flagKey, PlatformFlagState desired, PlatformFlagState observed, string reason,
        CancellationToken cancellationToken)
    {
        LaunchDarklyReading? reading;
        lock (_gate) reading = _readings.GetValueOrDefault(flagKey);
        if (reading is null || !reading.State.Matches(observed))
            return PlatformCall<bool>.Failed($"flag '{flagKey}' was not read just before writing; it is read again");
        var patch = LaunchDarklyRolloutFlag.Patch(Environment, reason, desired, reading);
        if (patch is null) return PlatformCall<bool>.Ok(true);
        var written = await SendAsync(HttpMethod.Patch, FlagPath(flagKey), patch, cancellationToken);
        return written.Succeeded ? PlatformCall<bool>.Ok(true) : PlatformCall<bool>.Failed(written.Failure!, written.RetryAfter);
    }

    /// <summary>The newest audit log entry of the flag in the environment: what, by whom, when, and its comment.</summary>
    public async Task<string?> LastChangeAsync(string flagKey, CancellationToken cancellationToken)
    {
        var spec = $"proj/{connection.Project}:env/{Environment}:flag/{flagKey}";
        var answer = await SendAsync(HttpMethod.Get, $"api/v2/auditlog?spec={Uri.EscapeDataString(spec)}&limit=1", null, cancellationToken);
        if (!answer.Succeeded) return null;
        try
        {
            var entry = JsonNode.Parse(answer.Value!)?["items"]?.AsArray().FirstOrDefault();
            if (entry is null) return null;
            var member = entry["member"];
            var who = (string?)member?["email"] ?? (string?)entry["subject"]?["name"] ?? "someone";
            var what = (string?)entry["shortDescription"] ?? (string?)entry["titleVerb"] ?? (string?)entry["kind"] ?? "a change";
            var when = (long?)entry["date"] is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("u", CultureInfo.InvariantCulture) : "an unknown time";
            var comment = (string?)entry["comment"] is { Length: > 0 } c ? $" (comment: {c})" : "";
            return $"last change on LaunchDarkly: {what} by {who} at {when}{comment}";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private async Task<PlatformCall<string>> SendAsync(HttpMethod method, string path, JsonObject? patch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Timeout);
        using var request = new HttpRequestMessage(method, new Uri(new Uri((connection.Url ?? DefaultUrl).TrimEnd('/') + "/"), path));
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (patch is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(patch.ToJsonString()));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", SemanticPatch);
        }
        var what = $"{method} {path}";
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode) return PlatformCall<string>.Ok(text);
            var failure = LaunchDarklyAnswers.Failure(what, (int)response.StatusCode, text, connection.Project, Environment);
            if (response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
                LaunchDarklyLog.Refused(logger, name, (int)response.StatusCode, failure);
            return PlatformCall<string>.Failed(failure, response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
                ? LaunchDarklyAnswers.RetryAfter(response.Headers, time.GetUtcNow())
                : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PlatformCall<string>.Failed($"{what}: no answer within {connection.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return PlatformCall<string>.Failed($"{what}: {e.Message}");
        }
    }
}
