using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;
using RolloutController.Flags.Platforms;

namespace RolloutController.Flags.Unleash;

/// <summary>
/// Drives one Unleash environment through the Admin API: the rollout is a <c>flexibleRollout</c> strategy on the flag in
/// the environment (titled <see cref="StrategyTitle"/>, created the first time, its id kept), excluded segments are its
/// <c>NOT_IN</c> constraints, and 0% (rollback, kill switch) turns the environment off. Token in <c>Authorization</c>
/// without a scheme, as Unleash expects it.
/// </summary>
internal sealed class UnleashPlatform(string name, FlagPlatformConnection connection, string token, HttpClient http, TimeProvider time)
    : IFlagPlatform
{
    public const string PlatformType = "unleash";

    /// <summary>The title of the controller's strategy: how it is found again after a restart.</summary>
    public const string StrategyTitle = "rollout-controller";

    // Strategy ids found or created, per flag: the strategy is updated in place rather than found again every time.
    private readonly Dictionary<string, string> _strategyIds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Name => name;

    private string FlagPath(string flagKey) =>
        $"api/admin/projects/{Uri.EscapeDataString(connection.Project)}/features/{Uri.EscapeDataString(flagKey)}";

    private string EnvironmentPath(string flagKey) => $"{FlagPath(flagKey)}/environments/{Uri.EscapeDataString(connection.Environment!)}";

    public async Task<PlatformCall<PlatformFlagState>> ReadAsync(string flagKey, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, FlagPath(flagKey), null, cancellationToken);
        if (!answer.Succeeded) return PlatformCall<PlatformFlagState>.Failed(answer.Failure!, answer.RetryAfter);
        try
        {
            var feature = JsonNode.Parse(answer.Value!)!.AsObject();
            var environment = feature["environments"]?.AsArray()
                .FirstOrDefault(e => (string?)e?["name"] == connection.Environment);
            if (environment is null)
                return PlatformCall<PlatformFlagState>.Failed($"flag '{flagKey}' has no environment '{connection.Environment}' in project '{connection.Project}'");
            var enabled = (bool?)environment["enabled"] ?? false;
            var strategy = environment["strategies"]?.AsArray()
                .FirstOrDefault(s => (string?)s?["title"] == StrategyTitle && (string?)s?["name"] == "flexibleRollout");
            if (strategy is null)
            {
                lock (_gate) _strategyIds.Remove(flagKey);
                return PlatformCall<PlatformFlagState>.Ok(new PlatformFlagState(false, enabled, 0m, []));
            }
            var id = (string)strategy["id"]!;
            lock (_gate) _strategyIds[flagKey] = id;
            var disabled = (bool?)strategy["disabled"] ?? false;
            var rolloutText = strategy["parameters"]?["rollout"]?.ToString();
            var rollout = decimal.TryParse(rolloutText, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? r : 0m;
            var excluded = PlatformTarget.Sorted((strategy["constraints"]?.AsArray() ?? [])
                .Where(c => (string?)c?["operator"] == "NOT_IN" && !((bool?)c?["inverted"] ?? false))
                .SelectMany(c => (c!["values"]?.AsArray() ?? []).Select(v => new SegmentLabel((string)c["contextName"]!, (string)v!))));
            return PlatformCall<PlatformFlagState>.Ok(new PlatformFlagState(!disabled, enabled, rollout, excluded, id));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return PlatformCall<PlatformFlagState>.Failed($"unexpected answer reading flag '{flagKey}': {e.Message}");
        }
    }

    /// <summary>
    /// The reason is not sent: Unleash's Admin API has no comment on a strategy or environment change (its event log
    /// records who changed what, by the token's name).
    /// </summary>
    public async Task<PlatformCall<bool>> WriteAsync(string flagKey, PlatformFlagState desired, PlatformFlagState observed, string reason,
        CancellationToken cancellationToken)
    {
        // Off first: a move to 0% turns the environment off before anything else, so it takes one request to be safe.
        if (!desired.Enabled && observed.Enabled)
        {
            var off = await SendAsync(HttpMethod.Post, $"{EnvironmentPath(flagKey)}/off", null, cancellationToken);
            if (!off.Succeeded) return PlatformCall<bool>.Failed(off.Failure!, off.RetryAfter);
        }

        var strategy = StrategyBody(flagKey, desired.Enabled ? desired.Weight : 0m, desired.Excluded);
        string? id;
        lock (_gate) id = _strategyIds.GetValueOrDefault(flagKey);
        var strategyChanged = !observed.RulePresent || (desired.Enabled && observed.Weight != desired.Weight) || !observed.Excluded.SequenceEqual(desired.Excluded);
        if (strategyChanged)
        {
            var written = id is null || !observed.RulePresent
                ? await SendAsync(HttpMethod.Post, $"{EnvironmentPath(flagKey)}/strategies", strategy, cancellationToken)
                : await SendAsync(HttpMethod.Put, $"{EnvironmentPath(flagKey)}/strategies/{Uri.EscapeDataString(id)}", strategy, cancellationToken);
            if (!written.Succeeded) return PlatformCall<bool>.Failed(written.Failure!, written.RetryAfter);
            if (id is null || !observed.RulePresent)
            {
                var created = JsonNode.Parse(written.Value!)?["id"]?.ToString();
                if (created is not null) lock (_gate) _strategyIds[flagKey] = created;
            }
        }

        // On last: the strategy is in place before anyone is served (Unleash adds a 100% default strategy to an environment
        // switched on without one).
        if (desired.Enabled && !observed.Enabled)
        {
            var on = await SendAsync(HttpMethod.Post, $"{EnvironmentPath(flagKey)}/on", null, cancellationToken);
            if (!on.Succeeded) return PlatformCall<bool>.Failed(on.Failure!, on.RetryAfter);
        }
        return PlatformCall<bool>.Ok(true);
    }

    public async Task<string?> LastChangeAsync(string flagKey, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, $"api/admin/events/{Uri.EscapeDataString(flagKey)}", null, cancellationToken);
        if (!answer.Succeeded) return null;
        try
        {
            var last = JsonNode.Parse(answer.Value!)?["events"]?.AsArray()
                .FirstOrDefault(e => (string?)e?["environment"] is null || (string?)e?["environment"] == connection.Environment);
            if (last is null) return null;
            return $"last change on Unleash: {(string?)last["type"]} by {(string?)last["createdBy"]} at {(string?)last["createdAt"]}";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The strategy as Unleash takes it: whole-percent rollout, default stickiness, grouped by the flag key.</summary>
    public static JsonObject StrategyBody(string flagKey, decimal weight, IReadOnlyList<SegmentLabel> excluded) => new()
    {
        ["name"] = "flexibleRollout",
        ["title"] = StrategyTitle,
        ["parameters"] = new JsonObject
        {
            ["rollout"] = decimal.Truncate(weight).ToString(CultureInfo.InvariantCulture),
            ["stickiness"] = "default",
            ["groupId"] = flagKey,
        },
        ["constraints"] = new JsonArray(excluded
            .GroupBy(l => l.Name, StringComparer.Ordinal)
            .Select(g => (JsonNode)new JsonObject
            {
                ["contextName"] = g.Key,
                ["operator"] = "NOT_IN",
                ["values"] = new JsonArray(g.Select(l => (JsonNode)JsonValue.Create(l.Value)!).ToArray()),
                ["caseInsensitive"] = false,
                ["inverted"] = false,
            })
            .ToArray()),
    };

    private async Task<PlatformCall<string>> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Timeout);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(connection.Url!.TrimEnd('/') + "/"), path));
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var what = $"{method} {path}";
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode) return PlatformCall<string>.Ok(text);
            var status = (int)response.StatusCode;
            var detail = text.Length > 300 ? text[..300] : text;
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => PlatformCall<string>.Failed($"{what}: 429 rate limited", RetryAfter(response)),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    PlatformCall<string>.Failed($"{what}: {status} the token was refused (revoked, or not allowed to change project '{connection.Project}')"),
                HttpStatusCode.NotFound => PlatformCall<string>.Failed($"{what}: 404 not found (does the flag exist in project '{connection.Project}'?) {detail}"),
                _ => PlatformCall<string>.Failed($"{what}: {status} {detail}", RetryAfter(response)),
            };
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

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retry) return null;
        if (retry.Delta is { } delta) return delta;
        return retry.Date is { } date ? date - time.GetUtcNow() : null;
    }
}
