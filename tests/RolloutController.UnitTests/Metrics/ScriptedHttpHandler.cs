namespace RolloutController.UnitTests.Metrics;

/// <summary>An in-memory HTTP handler whose answers the test computes, recording when each request arrived.</summary>
internal sealed class ScriptedHttpHandler(TimeProvider clock, Func<int, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private readonly List<DateTimeOffset> _arrivals = [];

    public IReadOnlyList<DateTimeOffset> Arrivals
    {
        get { lock (_arrivals) return [.. _arrivals]; }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int index;
        lock (_arrivals)
        {
            _arrivals.Add(clock.GetUtcNow());
            index = _arrivals.Count - 1;
        }
        return answer(index, cancellationToken);
    }
}
