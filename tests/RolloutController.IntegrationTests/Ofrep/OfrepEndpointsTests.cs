using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Flags;

namespace RolloutController.IntegrationTests.Ofrep;

public sealed class OfrepEndpointsTests : IAsyncLifetime
{
    private readonly InMemoryFlagCatalog _catalog = new(
        new ServedFlag("new-checkout", 10m, RolloutPhase.Observing, 1, "checkout", FlagType.Release),
        new ServedFlag("everyone", 100m, RolloutPhase.Completed, 3, "ramps", FlagType.Release),
        new ServedFlag("nobody", 0m, RolloutPhase.Pending, 0, "ramps", FlagType.Experiment),
        new ServedFlag("rolled-back", 50m, RolloutPhase.RolledBack, 2, "ramps", FlagType.Release));

    private OfrepServer _server = null!;

    public async Task InitializeAsync() => _server = await OfrepServer.StartAsync(_catalog);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, string? body, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return _server.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string Context(string targetingKey) => $$$"""{"context":{"targetingKey":"{{{targetingKey}}}"}}""";

    [Theory]
    [InlineData("user-14", true, "on")]
    [InlineData("user-9", true, "on")]
    [InlineData("user-42", false, "off")]
    public async Task Split_flag_is_served_per_bucket(string targetingKey, bool value, string variant)
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags/new-checkout", Context(targetingKey));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("key").GetString().ShouldBe("new-checkout");
        json.GetProperty("value").GetBoolean().ShouldBe(value);
        json.GetProperty("variant").GetString().ShouldBe(variant);
        json.GetProperty("reason").GetString().ShouldBe("SPLIT");
        var metadata = json.GetProperty("metadata");
        metadata.GetProperty("weight").GetDecimal().ShouldBe(10m);
        metadata.GetProperty("phase").GetString().ShouldBe("Observing");
        // Counted from 1, like the API: the catalog's stage index 1 is the second stage.
        metadata.GetProperty("stage").GetInt32().ShouldBe(2);
        metadata.GetProperty("policy").GetString().ShouldBe("checkout");
    }

    [Theory]
    [InlineData("everyone", null, true)]
    [InlineData("everyone", "{}", true)]
    [InlineData("nobody", """{"context":{}}""", false)]
    [InlineData("nobody", """{"context":{"targetingKey":"user-1"}}""", false)]
    public async Task Zero_and_one_hundred_percent_are_static_without_targeting_key(string flag, string? body, bool value)
    {
        using var response = await PostAsync($"/ofrep/v1/evaluate/flags/{flag}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("value").GetBoolean().ShouldBe(value);
        json.GetProperty("reason").GetString().ShouldBe("STATIC");
    }

    [Fact]
    public async Task Rolled_back_flag_is_disabled()
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags/rolled-back", Context("user-14"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("value").GetBoolean().ShouldBeFalse();
        json.GetProperty("variant").GetString().ShouldBe("off");
        json.GetProperty("reason").GetString().ShouldBe("DISABLED");
    }

    [Theory]
    [InlineData("{\"context\":", "PARSE_ERROR")]
    [InlineData("[]", "PARSE_ERROR")]
    [InlineData("""{"context":"user-1"}""", "INVALID_CONTEXT")]
    [InlineData("""{"context":{"targetingKey":7}}""", "INVALID_CONTEXT")]
    [InlineData("""{"context":{}}""", "TARGETING_KEY_MISSING")]
    [InlineData("""{"context":{"targetingKey":""}}""", "TARGETING_KEY_MISSING")]
    public async Task Bad_requests_are_400_with_the_error_code(string body, string errorCode)
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags/new-checkout", body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var json = await JsonAsync(response);
        json.GetProperty("key").GetString().ShouldBe("new-checkout");
        json.GetProperty("errorCode").GetString().ShouldBe(errorCode);
        json.GetProperty("errorDetails").GetString().ShouldNotBeNullOrEmpty();
        json.TryGetProperty("value", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_flag_is_404_flag_not_found()
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags/no-such-flag", Context("user-1"));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var json = await JsonAsync(response);
        json.GetProperty("key").GetString().ShouldBe("no-such-flag");
        json.GetProperty("errorCode").GetString().ShouldBe("FLAG_NOT_FOUND");
    }

    [Fact]
    public async Task Bulk_returns_every_flag_ordered_by_key_with_an_etag()
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-42"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag.ShouldNotBeNull();
        var flags = (await JsonAsync(response)).GetProperty("flags").EnumerateArray().ToArray();
        flags.Select(f => f.GetProperty("key").GetString()).ShouldBe(["everyone", "new-checkout", "nobody", "rolled-back"]);
        flags.Select(f => f.GetProperty("reason").GetString()).ShouldBe(["STATIC", "SPLIT", "STATIC", "DISABLED"]);
        flags.Select(f => f.GetProperty("value").GetBoolean()).ShouldBe([true, false, false, false]);
    }

    [Fact]
    public async Task Bulk_without_targeting_key_reports_split_flags_as_failures_and_serves_the_rest()
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags", """{"context":{}}""");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var flags = (await JsonAsync(response)).GetProperty("flags").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        flags["new-checkout"].GetProperty("errorCode").GetString().ShouldBe("TARGETING_KEY_MISSING");
        flags["new-checkout"].TryGetProperty("value", out _).ShouldBeFalse();
        flags["everyone"].GetProperty("value").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("not json", "PARSE_ERROR")]
    [InlineData("""{"context":[1]}""", "INVALID_CONTEXT")]
    public async Task Bulk_bad_requests_are_400_without_key(string body, string errorCode)
    {
        using var response = await PostAsync("/ofrep/v1/evaluate/flags", body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var json = await JsonAsync(response);
        json.GetProperty("errorCode").GetString().ShouldBe(errorCode);
        json.TryGetProperty("key", out _).ShouldBeFalse();
        response.Headers.ETag.ShouldBeNull();
    }

    [Fact]
    public async Task Bulk_if_none_match_with_the_current_etag_is_304_until_the_catalog_changes()
    {
        using var first = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-1"));
        var etag = first.Headers.ETag!.ToString();

        using var notModified = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-1"), etag);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        notModified.Headers.ETag!.ToString().ShouldBe(etag);

        using var listed = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-1"), $"\"other\", W/{etag}");
        listed.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        _catalog.Set(new ServedFlag("new-checkout", 50m, RolloutPhase.Observing, 2, "checkout", FlagType.Release));
        using var changed = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-1"), etag);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.ToString().ShouldNotBe(etag);
        (await JsonAsync(changed)).GetProperty("flags").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Bulk_etag_depends_on_the_context()
    {
        using var a = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-1"));
        using var b = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-2"));
        using var reordered = await PostAsync("/ofrep/v1/evaluate/flags", """{"context":{"plan":"pro","targetingKey":"user-1"}}""");
        using var same = await PostAsync("/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"user-1","plan":"pro"}}""");
        a.Headers.ETag.ShouldNotBe(b.Headers.ETag);
        reordered.Headers.ETag.ShouldBe(same.Headers.ETag);

        using var otherContext = await PostAsync("/ofrep/v1/evaluate/flags", Context("user-2"), a.Headers.ETag!.ToString());
        otherContext.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Evaluations_are_counted_by_flag_variant_and_reason()
    {
        var factory = _server.Services.GetRequiredService<IMeterFactory>();
        var counts = new List<(long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "ofrep_evaluations") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counts) counts.Add((value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        });
        listener.Start();

        (await PostAsync("/ofrep/v1/evaluate/flags/new-checkout", Context("user-14"))).Dispose();
        (await PostAsync("/ofrep/v1/evaluate/flags/nobody", null)).Dispose();
        (await PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}")).Dispose();
        (await PostAsync("/ofrep/v1/evaluate/flags/no-such-flag", "{}")).Dispose();

        lock (counts)
        {
            counts.ShouldBe([
                (1, "flag=new-checkout,variant=on,reason=SPLIT"),
                (1, "flag=nobody,variant=off,reason=STATIC"),
                (1, "flag=new-checkout,variant=,reason=ERROR"),
            ]);
        }
    }

    [Fact]
    public async Task Catalog_failure_is_500_with_error_details()
    {
        await using var server = await OfrepServer.StartAsync(new BrokenCatalog());
        using var single = await server.Client.PostAsync("/ofrep/v1/evaluate/flags/x", new StringContent(Context("u"), Encoding.UTF8, "application/json"));
        single.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await JsonAsync(single)).GetProperty("errorDetails").GetString().ShouldNotBeNullOrEmpty();

        using var bulk = await server.Client.PostAsync("/ofrep/v1/evaluate/flags", new StringContent(Context("u"), Encoding.UTF8, "application/json"));
        bulk.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        bulk.Headers.ETag.ShouldBeNull();
    }

    private sealed class BrokenCatalog : IFlagCatalog
    {
        public FlagCatalogSnapshot Current => throw new InvalidOperationException("store unavailable");
    }

    [Fact]
    public async Task A_ten_megabyte_context_is_refused_with_413_and_a_body_saying_why()
    {
        var body = "{\"context\":{\"targetingKey\":\"user-1\",\"blob\":\"" + new string('x', 10 * 1024 * 1024) + "\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags/new-checkout")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await _server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var json = await JsonAsync(response);
        json.GetProperty("errorDetails").GetString()!.ShouldContain("1048576 bytes");
        using var bulk = await PostAsync("/ofrep/v1/evaluate/flags", body);
        bulk.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var normal = await PostAsync("/ofrep/v1/evaluate/flags/new-checkout", Context("user-14"));
        normal.StatusCode.ShouldBe(HttpStatusCode.OK, "the server still answers");
    }
}
