using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Telemetry;

namespace RolloutController.Benchmarks;

/// <summary>
/// One single-flag OFREP request in process, without sockets or Kestrel. <see cref="ParseEvaluateSerialize"/> is the
/// protocol work alone (read the body, evaluate, write the result); <see cref="Handler"/> goes through
/// <see cref="OfrepHandler"/> with a fresh <see cref="DefaultHttpContext"/>, the flag catalog and the
/// <c>ofrep_evaluations</c> counter listened to by the /metrics exporter, as on the server.
/// Each call uses the next of 64 request bodies with different targeting keys.
/// </summary>
[MemoryDiagnoser]
public class OfrepRequestBenchmarks
{
    private const string FlagKey = "bench-flag";
    private const int Bodies = 64;

    private readonly ArrayBufferWriter<byte> _output = new(512);
    private byte[][] _bodies = [];
    private ServiceProvider _services = null!;
    private OfrepHandler _handler = null!;
    private BuiltinFlagCatalog _catalog = null!;
    private MemoryStream _responseBody = null!;
    private Utf8JsonWriter _writer = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _bodies = Enumerable.Range(0, Bodies)
            .Select(i => Encoding.UTF8.GetBytes($$$"""{"context":{"targetingKey":"user-{{{i * 7919:D8}}}","plan":"pro","country":"DE"}}"""))
            .ToArray();

        _services = new ServiceCollection().AddLogging().AddControllerTelemetry().AddBuiltinFlags()
            .BuildServiceProvider();
        _catalog = _services.GetRequiredService<BuiltinFlagCatalog>();
        _catalog.Set(new ServedFlag(FlagKey, 10m, RolloutPhase.Observing, 1, "bench", FlagType.Release));
        _handler = new OfrepHandler(_catalog, _services.GetRequiredService<ControllerMetrics>(),
            _services.GetRequiredService<ILogger<OfrepHandler>>());
        _responseBody = new MemoryStream(512);
        _writer = new Utf8JsonWriter(_output);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int ParseEvaluateSerialize()
    {
        var body = NextBody();
        var request = OfrepRequestReader.Interpret(JsonSerializer.Deserialize(body, OfrepJsonContext.Default.OfrepEvaluationRequest));
        if (!_catalog.Current.Flags.TryGetValue(FlagKey, out var flag)) throw new InvalidOperationException("flag missing");
        var result = OfrepFlagResult.For(flag, OfrepEvaluator.Evaluate(flag, request.TargetingKey));

        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, result, OfrepJsonContext.Default.OfrepFlagResult);
        return _output.WrittenCount;
    }

    [Benchmark]
    public async Task<long> Handler()
    {
        var body = NextBody();
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body, writable: false);
        http.Request.RouteValues[OfrepHandler.KeyRouteValue] = FlagKey;
        _responseBody.SetLength(0);
        http.Response.Body = _responseBody;

        await _handler.EvaluateFlagAsync(http);
        if (http.Response.StatusCode != StatusCodes.Status200OK) throw new InvalidOperationException($"status {http.Response.StatusCode}");
        return _responseBody.Length;
    }

    private byte[] NextBody() => _bodies[_next++ & (Bodies - 1)];
}
