namespace RolloutController.SampleService;

/// <summary>
/// Simulates users: each tick picks random targeting keys, asks the controller whether the flag is on for them, and
/// records a request (failing at the injected rate when on), its latency and a checkout.
/// </summary>
internal sealed class TrafficGenerator(
    SampleSettings settings, OfrepFlagClient flags, CohortMetrics metrics, FlagSourceMetrics sources, FaultSwitch fault, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Random.Shared: the batch's continuations run concurrently after the OFREP call.
        var random = Random.Shared;
        metrics.Initialize(settings.Flag);
        var perTick = Math.Max(1, settings.RequestsPerSecond / 10);
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batch = Enumerable.Range(0, perTick).Select(async _ =>
            {
                var user = $"user-{random.Next(settings.Users)}";
                var (on, source) = await flags.EvaluateAsync(settings.Flag, user, stoppingToken);
                sources.Served(settings.Flag, source);
                var variant = on ? "on" : "off";
                var failed = random.NextDouble() < (on ? Math.Max(settings.BaseErrorRate, fault.OnErrorRate) : settings.BaseErrorRate);
                metrics.Request(settings.Flag, variant, failed ? 500 : 200, 0.02 + random.NextDouble() * 0.1);
                if (!failed) metrics.Checkout(settings.Flag, variant, random.NextDouble() < settings.Conversion);
            });
            await Task.WhenAll(batch);
        }
    }
}
