using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using Xunit.Abstractions;

namespace RolloutController.IntegrationTests.Ofrep;

/// <summary>
/// Random and mutated requests against a running controller: OFREP single and bulk, and every /api/v1 endpoint, with
/// odd methods, paths, headers, encodings and bodies. Bad input must get a 4xx, never a 5xx, and nothing may reach the
/// server's unhandled-exception log. Seeded and bounded in time (5 s; HTTP_FUZZ_SECONDS, HTTP_FUZZ_SEED).
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class HttpEndpointFuzzTests(ITestOutputHelper output)
{
    private const string Flag = "fuzzed";
    private const int DefaultSeed = 20_251_202;

    private static readonly string[] Keys =
    [
        Flag, "unknown", ".", "..", "%2e", "%2E%2E", "...", "%00", "%ff", "%ed%a0%80", "%C0%AF", "a%2Fb", "a b", "%20", "ü",
        "%F0%9F%98%80", new string('k', 5000), "fuzzed%0A", "fuzzed;x", "%25", "~", "*",
    ];

    private static readonly string[] Paths =
    [
        "ofrep/v1/evaluate/flags/{key}", "ofrep/v1/evaluate/flags", "ofrep/v1/evaluate/flags/", "ofrep/v1/evaluate/flags/{key}/x",
        "api/v1/rollouts", "api/v1/rollouts/{key}", "api/v1/rollouts/{key}/{action}", "api/v1/policies", "api/v1/rollouts/{key}/",
        "ofrep/v1/configuration", "healthz", "readyz", "metrics",
    ];

    private static readonly string[] Actions = ["pause", "resume", "promote", "abort", "Abort", "delete", "", "..", "%00"];

    private static readonly string[] Bodies =
    [
        """{"context":{"targetingKey":"user-1"}}""", """{"context":{"targetingKey":"user-1","plan":"free","n":[1,{"b":2}]}}""",
        """{"context":{}}""", "{}", "", "null", "[]", "\"x\"", """{"reason":"fuzz"}""", """{"reason":""}""", """{"reason":null}""",
        """{"context":{"targetingKey":"\ud800"}}""", """{"context":{"\udc00":"x"}}""", """{"context":{"targetingKey":"a\u0000b"}}""",
        """{"context":{"targetingKey":1e999}}""", """{"context":{"targetingKey":"u","x":123456789012345678901234567890}}""",
        """{"context":{"targetingKey":"a","targetingKey":"b"}}""", """{"reason":"x","reason":1}""",
        new string('[', 1000) + new string(']', 1000), "{\"context\":" + new string('[', 70) + new string(']', 70) + "}",
        "{\"context\":{\"targetingKey\":\"" + new string('x', 100_000) + "\"}}",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "text/plain", "application/xml",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "", ";", "application/json; charset=\"", null,
    ];

    private static readonly string?[] Authorizations =
    [
        null, $"Bearer {TestTokens.Operator}", "Bearer ", "Bearer x", "Basic Zm9vOmJhcg==", "bearer " + TestTokens.Operator,
        "Bearer " + new string('t', 10_000), "Bearer \u00e9", "",
    ];

    private static readonly string?[] IfNoneMatch = [null, "*", "\"x\"", "W/\"x\"", "\"", "x, \"y\", W/", new string('"', 500), "\"\u00e9\""];

    [Fact]
    public async Task Bad_requests_never_get_a_5xx_nor_an_unhandled_exception()
    {
        var seed = Setting("HTTP_FUZZ_SEED") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : DefaultSeed;
        var duration = TimeSpan.FromSeconds(Setting("HTTP_FUZZ_SECONDS") is { } d ? double.Parse(d, CultureInfo.InvariantCulture) : 5);
        await using var controller = await RunningController.StartAsync(new ControllerSetup { Policies = [TestPolicy.FourStages(Flag)] });
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            // Header values go out as Latin-1 bytes, so non-ASCII reaches the server as it would from a careless client.
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        })
        {
            BaseAddress = controller.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var random = new Random(seed);

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var elapsed = Stopwatch.StartNew();
        var sent = 0;
        while (elapsed.Elapsed < duration && failures.Count < 5)
        {
            var description = new StringBuilder();
            using var request = Build(random, controller.BaseUri, description);
            if (request is null) continue;
            sent++;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            }
            catch (HttpRequestException e)
            {
                // The server closed the connection without an answer.
                failures.Add($"no response to request {sent} (seed {seed}): {e.Message}: {description}");
                continue;
            }
            using var _ = response;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
                failures.Add($"{status} for request {sent} (seed {seed}): {description}\n{await response.Content.ReadAsStringAsync()}");
        }

        output.WriteLine($"seed {seed}: {sent} requests in {elapsed.Elapsed.TotalSeconds:F1} s; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        failures.ShouldBeEmpty(string.Join("\n\n", failures));
        sent.ShouldBeGreaterThan(50, "too few requests to mean anything");
        var unhandled = controller.Log.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Critical ", StringComparison.Ordinal))
            .Where(l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal) || l.Contains(".Ofrep", StringComparison.Ordinal) || l.Contains(".Api", StringComparison.Ordinal))
            .ToList();
        unhandled.ShouldBeEmpty(string.Join("\n", unhandled));
        using var health = await client.GetAsync("healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // One random request, or null when HttpClient itself refuses what was drawn (a header it cannot send).
    private static HttpRequestMessage? Build(Random random, Uri baseUri, StringBuilder description)
    {
        var method = random.Next(10) switch
        {
            < 6 => HttpMethod.Post,
            < 8 => HttpMethod.Get,
            8 => Pick(random, [HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, HttpMethod.Head]),
            _ => new HttpMethod(Pick(random, ["PROPFIND", "TRACE", "X"])),
        };
        var path = Pick(random, Paths).Replace("{key}", Pick(random, Keys), StringComparison.Ordinal).Replace("{action}", Pick(random, Actions), StringComparison.Ordinal);
        if (random.Next(10) == 0) path += Pick(random, ["?x=1", "?%ff", "?a=%00&a=2", "#frag", "?" + new string('q', 3000)]);
        var body = Mutate(random, Encoding.UTF8.GetBytes(Pick(random, Bodies)));
        description.Append(CultureInfo.InvariantCulture, $"{method} /{path} body={Convert.ToBase64String(body.Length > 300 ? body[..300] : body)}");

        try
        {
            var request = new HttpRequestMessage(method, new Uri(baseUri, path));
            if (method != HttpMethod.Get && method != HttpMethod.Head || random.Next(4) == 0)
            {
                request.Content = new ByteArrayContent(body);
                if (Pick(random, ContentTypes) is { } contentType)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    description.Append(CultureInfo.InvariantCulture, $" content-type={contentType}");
                }
                if (random.Next(10) == 0)
                {
                    var encoding = Pick(random, ["gzip", "br", "deflate", "identity", "x"]);
                    request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
                    description.Append(CultureInfo.InvariantCulture, $" content-encoding={encoding}");
                }
            }
            if (Pick(random, Authorizations) is { } authorization)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
                description.Append(CultureInfo.InvariantCulture, $" authorization={authorization[..Math.Min(40, authorization.Length)]}");
            }
            if (Pick(random, IfNoneMatch) is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                description.Append(CultureInfo.InvariantCulture, $" if-none-match={etag[..Math.Min(40, etag.Length)]}");
            }
            if (random.Next(8) == 0) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Pick(random, ["text/html", "application/xml", "*/*"])));
            return request;
        }
        catch (Exception e) when (e is UriFormatException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Mutate(Random random, byte[] body)
    {
        if (body.Length == 0 || random.Next(3) == 0) return body;
        var bytes = body.ToList();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(5))
            {
                case 0: bytes.Insert(at, (byte)random.Next(256)); break;
                case 1: bytes.InsertRange(at, Pick(random, new byte[][] { [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF], [0xEF, 0xBB, 0xBF], "\\ud800"u8.ToArray() })); break;
                case 2: if (at < bytes.Count) bytes.RemoveAt(at); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                default: if (at < bytes.Count) bytes[at] ^= (byte)(1 << random.Next(8)); break;
            }
        }
        return [.. bytes];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
