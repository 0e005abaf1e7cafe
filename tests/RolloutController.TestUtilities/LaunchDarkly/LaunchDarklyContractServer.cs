using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.TestUtilities.LaunchDarkly;

/// <summary>
/// Stands in for LaunchDarkly's REST API (which cannot run here) on 127.0.0.1, for one project and environment. It keeps
/// each flag's state so reads reflect writes, and checks every request against LaunchDarkly's published documentation:
/// <c>Authorization</c> is the access token without a scheme; a write is <c>PATCH /api/v2/flags/{project}/{flag}</c> with
/// <c>Content-Type: application/json; domain-model=launchdarkly.semanticpatch</c> and a body with the <c>environmentKey</c>,
/// a <c>comment</c> and instructions of the documented kinds and parameters (rollout weights whole thousandths of a percent
/// summing to 100000 over variation ids the flag has, clause operators lower-case, rule ids that exist). A request that does
/// not conform is answered 400 with what is wrong and recorded in <see cref="Violations"/>, so the test fails. It can change a
/// flag by hand (recorded in its audit log by that person), answer scripted errors (405, 409, 400, 429 with headers) and be down.
/// </summary>
public sealed class LaunchDarklyContractServer : IAsyncDisposable
{
    /// <summary>The instruction kinds the contract knows (LaunchDarkly's "Update feature flag" page documents them).</summary>
    public static readonly IReadOnlySet<string> InstructionKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "turnFlagOn", "turnFlagOff", "updateFallthroughVariationOrRollout", "addRule", "removeRule",
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _flags = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _audit = [];
    private readonly List<string> _violations = [];
    private readonly Queue<(int Status, IReadOnlyDictionary<string, string> Headers, bool WritesOnly)> _scripted = new();
    private readonly RequestLog<LaunchDarklyRequest> _log = new(r => $"{r.Method} {r.PathAndQuery} -> {r.Status}");
    private WebApplication _app = null!;
    private long _clock = DateTimeOffset.Parse("2026-12-01T00:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private LaunchDarklyContractServer(string project, string environment, string token)
    {
        Project = project;
        Environment = environment;
        Token = token;
    }

    public string Project { get; }

    public string Environment { get; }

    public string Token { get; }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>While true every connection is dropped without an answer, as when LaunchDarkly cannot be reached.</summary>
    public bool Down { get; set; }

    /// <summary>Every request that did not conform to LaunchDarkly's documentation, with what was wrong.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate) return _violations.ToList();
        }
    }

    public IReadOnlyList<LaunchDarklyRequest> Requests => _log.Items;

    public static async Task<LaunchDarklyContractServer> StartAsync(string project = "default", string environment = "production",
        string token = "api-0123-test-token")
    {
        var server = new LaunchDarklyContractServer(project, environment, token);
        var (app, baseUri) = await LoopbackWebApp.StartAsync(a => a.Map("/{**path}", server.HandleAsync));
        server._app = app;
        server.BaseUri = baseUri;
        return server;
    }

    /// <summary>Creates a boolean flag as LaunchDarkly does: variations true and false, targeting off, serving true when on.</summary>
    public void AddFlag(string key)
    {
        lock (_gate)
        {
            _flags[key] = new JsonObject
            {
                ["key"] = key,
                ["kind"] = "boolean",
                ["_version"] = 1,
                ["variations"] = new JsonArray(
                    new JsonObject { ["_id"] = Guid.NewGuid().ToString(), ["value"] = true },
                    new JsonObject { ["_id"] = Guid.NewGuid().ToString(), ["value"] = false }),
                ["environments"] = new JsonObject
                {
                    [Environment] = new JsonObject
                    {
                        ["on"] = false, ["fallthrough"] = new JsonObject { ["variation"] = 0 }, ["offVariation"] = 1, ["rules"] = new JsonArray(),
                        ["version"] = 1, ["lastModified"] = _clock,
                    },
                },
            };
        }
    }

    /// <summary>The flag's configuration in the environment now (a copy).</summary>
    public JsonObject EnvironmentOf(string key)
    {
        lock (_gate) return (JsonObject)_flags[key]["environments"]![Environment]!.DeepClone();
    }

    /// <summary>The share (percent) of users the default rule serves true, 0 while targeting is off.</summary>
    public decimal ServedPercent(string key)
    {
        var env = EnvironmentOf(key);
        if (!(bool)env["on"]!) return 0m;
        if (env["fallthrough"]!["variation"] is { } fixedVariation) return (int)fixedVariation == 0 ? 100m : 0m;
        return (env["fallthrough"]!["rollout"]!["variations"]!.AsArray().FirstOrDefault(v => (int)v!["variation"]! == 0)?["weight"]?.GetValue<int>() ?? 0) / 1000m;
    }

    /// <summary>A person changes the flag in LaunchDarkly's UI: the change, and an audit log entry naming them.</summary>
    public void ChangeByHand(string key, string member, string what, Action<JsonObject> change)
    {
        lock (_gate)
        {
            var env = (JsonObject)_flags[key]["environments"]![Environment]!;
            change(env);
            Bump(key, env, member, what, null);
        }
    }

    /// <summary>The next <paramref name="count"/> requests (writes only, with <paramref name="writesOnly"/>) are answered <paramref name="status"/>.</summary>
    public void Answer(int status, int count = 1, IReadOnlyDictionary<string, string>? headers = null, bool writesOnly = false)
    {
        lock (_gate)
            for (var i = 0; i < count; i++) _scripted.Enqueue((status, headers ?? new Dictionary<string, string>(), writesOnly));
    }

    public Task<IReadOnlyList<LaunchDarklyRequest>> WaitForAsync(Func<IReadOnlyList<LaunchDarklyRequest>, bool> predicate, TimeSpan timeout) =>
        _log.WaitForAsync(predicate, timeout);

    public async ValueTask DisposeAsync() => await LoopbackWebApp.StopAsync(_app);

    private async Task HandleAsync(HttpContext context)
    {
        if (Down)
        {
            context.Abort();
            return;
        }
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var path = request.Path.Value ?? "";
        var authorization = request.Headers.Authorization.ToString();
        var (status, answer, headers) = Answer(request.Method, path, request.Query, authorization, request.ContentType, body);
        _log.Add(new LaunchDarklyRequest(request.Method, path + request.QueryString, authorization, request.ContentType, body, status));
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        }
    }

    private (int Status, JsonNode? Answer, IReadOnlyDictionary<string, string> Headers) Answer(
        string method, string path, IQueryCollection query, string authorization, string? contentType, string body)
    {
        var none = new Dictionary<string, string>();
        lock (_gate)
        {
            var isWrite = method == HttpMethods.Patch;
            if (_scripted.TryPeek(out var scripted) && (!scripted.WritesOnly || isWrite))
            {
                _scripted.Dequeue();
                return (scripted.Status, Error("scripted", $"scripted answer {scripted.Status}"), scripted.Headers);
            }
            // Authorization: the access token itself; LaunchDarkly's REST API takes no scheme.
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return (401, Violation("Authorization must be the access token without a 'Bearer' prefix"), none);
            if (authorization != Token) return (401, Error("unauthorized", "Invalid account ID header"), none);

            var segments = path.Trim('/').Split('/');
            if (method == HttpMethods.Get && path == "/api/v2/auditlog") return (200, AuditLog(query), none);
            if (segments is not ["api", "v2", "flags", var project, var key])
                return (404, Violation($"{method} {path} is not an endpoint the controller may use"), none);
            if (project != Project) return (404, Error("not_found", $"Unknown project '{project}'"), none);
            if (!_flags.TryGetValue(key, out var flag)) return (404, Error("not_found", "Unknown resource"), none);
            if (method == HttpMethods.Get) return (200, Read(flag, query), none);
            if (!isWrite) return (405, Violation($"{method} is not a method of {path}"), none);
            return Patch(key, flag, contentType, body);
        }
    }

    private JsonObject Read(JsonObject flag, IQueryCollection query)
    {
        var copy = (JsonObject)flag.DeepClone();
        // env= limits the environments answered to those named, as LaunchDarkly's Get feature flag does.
        if (query.TryGetValue("env", out var env) && env.ToString() != Environment) copy["environments"] = new JsonObject();
        return copy;
    }

    private (int, JsonNode?, IReadOnlyDictionary<string, string>) Patch(string key, JsonObject flag, string? contentType, string body)
    {
        var none = new Dictionary<string, string>();
        var problems = new List<string>();
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var type) || type.MediaType != "application/json"
            || !type.Parameters.Any(p => p.Name == "domain-model" && p.Value == "launchdarkly.semanticpatch"))
            problems.Add($"Content-Type must be 'application/json; domain-model=launchdarkly.semanticpatch' (got '{contentType}')");
        JsonObject? patch = null;
        try
        {
            patch = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            problems.Add($"the body is not JSON: {e.Message}");
        }
        if (patch is null) problems.Add("the body must be a JSON object");
        else
        {
            if ((string?)patch["environmentKey"] != Environment)
                problems.Add($"environmentKey must be '{Environment}' (got '{patch["environmentKey"]}')");
            if (patch["comment"] is not JsonValue comment || !comment.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
                problems.Add("comment must say why the flag is changed (the rollout's reason)");
            if (patch["instructions"] is not JsonArray { Count: > 0 })
                problems.Add("instructions must be a non-empty array");
        }
        var env = (JsonObject)flag["environments"]![Environment]!.DeepClone();
        if (problems.Count == 0)
            foreach (var instruction in patch!["instructions"]!.AsArray())
                Apply(flag, env, instruction as JsonObject, problems);
        if (problems.Count > 0) return (400, Violation(string.Join("; ", problems)), none);
        flag["environments"]![Environment] = env;
        Bump(key, env, "rollout-controller@example.com", string.Join(", ", patch!["instructions"]!.AsArray().Select(i => (string?)i!["kind"])),
            (string?)patch["comment"]);
        return (200, flag.DeepClone(), none);
    }

    private static void Apply(JsonObject flag, JsonObject env, JsonObject? instruction, List<string> problems)
    {
        var variationIds = flag["variations"]!.AsArray().Select(v => (string)v!["_id"]!).ToList();
        var kind = (string?)instruction?["kind"];
        if (instruction is null || kind is null || !InstructionKinds.Contains(kind))
        {
            problems.Add($"instruction kind '{kind}' is not one of {string.Join(", ", InstructionKinds)}");
            return;
        }
        var rules = env["rules"]!.AsArray();
        switch (kind)
        {
            case "turnFlagOn" or "turnFlagOff":
                env["on"] = kind == "turnFlagOn";
                break;
            case "updateFallthroughVariationOrRollout":
                env["fallthrough"] = Serve(instruction, variationIds, problems, kind);
                break;
            case "removeRule":
                // "Does nothing if the rule does not exist."
                if ((string?)instruction["ruleId"] is not { } ruleId) problems.Add("removeRule needs a ruleId");
                else if (rules.FirstOrDefault(r => (string?)r!["_id"] == ruleId) is { } found) rules.Remove(found);
                break;
            case "addRule":
                var clauses = Clauses(instruction["clauses"], problems);
                var rule = Serve(instruction, variationIds, problems, kind);
                rule["_id"] = Guid.NewGuid().ToString();
                rule["clauses"] = clauses;
                var before = (string?)instruction["beforeRuleId"];
                var at = before is null ? rules.Count : rules.Select(r => (string?)r!["_id"]).ToList().IndexOf(before);
                if (at < 0) problems.Add($"addRule: beforeRuleId '{before}' is not a rule of the flag");
                else rules.Insert(at, rule);
                break;
        }
    }

    // A variation (variationId) or a percentage rollout (rolloutWeights, rolloutBucketBy, rolloutContextKind) as the flag keeps it.
    private static JsonObject Serve(JsonObject instruction, List<string> variationIds, List<string> problems, string kind)
    {
        if ((string?)instruction["variationId"] is { } id)
        {
            if (!variationIds.Contains(id)) problems.Add($"{kind}: variationId '{id}' is not a variation of the flag");
            return new JsonObject { ["variation"] = Math.Max(0, variationIds.IndexOf(id)) };
        }
        if (instruction["rolloutWeights"] is not JsonObject weights)
        {
            problems.Add($"{kind} needs a variationId or rolloutWeights");
            return new JsonObject { ["variation"] = 0 };
        }
        var variations = new JsonArray();
        var sum = 0L;
        foreach (var (variationId, weight) in weights)
        {
            if (!variationIds.Contains(variationId)) problems.Add($"{kind}: rolloutWeights names '{variationId}', not a variation of the flag");
            if (weight is not JsonValue w || !w.TryGetValue<int>(out var value) || value is < 0 or > 100_000)
            {
                problems.Add($"{kind}: the weight of '{variationId}' must be a whole number of thousandths of a percent, 0..100000 (got {weight})");
                continue;
            }
            sum += value;
            variations.Add(new JsonObject { ["variation"] = Math.Max(0, variationIds.IndexOf(variationId)), ["weight"] = value });
        }
        if (sum != 100_000) problems.Add($"{kind}: rolloutWeights must sum to 100000 (got {sum})");
        var rollout = new JsonObject { ["variations"] = variations };
        if (instruction["rolloutBucketBy"] is { } bucketBy) rollout["bucketBy"] = bucketBy.DeepClone();
        if (instruction["rolloutContextKind"] is { } contextKind) rollout["contextKind"] = contextKind.DeepClone();
        return new JsonObject { ["rollout"] = rollout };
    }

    private static JsonArray Clauses(JsonNode? clauses, List<string> problems)
    {
        if (clauses is not JsonArray list || list.Count == 0)
        {
            problems.Add("addRule needs clauses");
            return [];
        }
        var kept = new JsonArray();
        foreach (var clause in list)
        {
            var op = (string?)clause?["op"];
            if (clause?["attribute"] is not JsonValue || op is null || op != op.ToLowerInvariant() || clause["negate"] is not JsonValue
                || clause["values"] is not JsonArray)
                problems.Add($"a clause needs attribute, a lower-case op, negate and values (got {clause?.ToJsonString()})");
            var copy = (JsonObject)clause!.DeepClone();
            copy["_id"] = Guid.NewGuid().ToString();
            kept.Add(copy);
        }
        return kept;
    }

    private JsonObject AuditLog(IQueryCollection query)
    {
        var spec = query["spec"].ToString();
        var items = _audit.Where(e => spec.Length == 0 || spec.EndsWith($"flag/{(string?)e["name"]}", StringComparison.Ordinal))
            .Reverse().Take(int.TryParse(query["limit"], out var limit) ? limit : 10).Select(e => e.DeepClone()).ToArray();
        return new JsonObject { ["items"] = new JsonArray(items) };
    }

    private void Bump(string key, JsonObject env, string member, string what, string? comment)
    {
        _clock += 1000;
        env["version"] = (int)env["version"]! + 1;
        env["lastModified"] = _clock;
        _flags[key]["_version"] = (int)_flags[key]["_version"]! + 1;
        _audit.Add(new JsonObject
        {
            ["_id"] = Guid.NewGuid().ToString("N"), ["date"] = _clock, ["kind"] = "flag", ["name"] = key, ["shortDescription"] = what,
            ["comment"] = comment, ["member"] = new JsonObject { ["email"] = member },
        });
    }

    private JsonObject Violation(string message)
    {
        _violations.Add(message);
        return Error("invalid_request", message);
    }

    private static JsonObject Error(string code, string message) => new() { ["code"] = code, ["message"] = message };
}
