using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RolloutController.Analysis;
using RolloutController.Analysis.Batching;
using RolloutController.Metrics.Prometheus;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.Engine;

namespace RolloutController.Metrics.Batching;

/// <summary>
/// Measures many rollouts with few queries: rollouts whose guardrail queries differ only in the flag key share one batched
/// query per template (<see cref="BatchTemplate"/>), evaluated at most once per batch window
/// (<see cref="PrometheusOptions.BatchWindow"/>) and split per flag. The load on Prometheus then grows with the number of
/// distinct templates, not with the number of rollouts. A query that does not batch, a flag the index does not know yet,
/// or a template used by one flag alone is queried on its own, as before. A batched query that fails gives each of its
/// flags that error, which counts against their error limits exactly as a failed single query would.
/// </summary>
internal sealed class QueryBatcher
{
    private readonly IMetricsProvider _metrics;
    private readonly IPolicySource _policies;
    private readonly KnownRollouts _known;
    private readonly ControllerMetrics _telemetry;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    private readonly ConcurrentDictionary<string, BatchAnalysis> _analyses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Text, long Start, long Length), Lazy<BatchWindow>> _windows = new();
    private BatchIndex _index = BatchIndex.Build([]);
    private long _lastSweep;

    public QueryBatcher(IMetricsProvider metrics, IPolicySource policies, KnownRollouts known, IOptions<PrometheusOptions> options,
        ControllerMetrics telemetry, TimeProvider time)
    {
        _metrics = metrics;
        _policies = policies;
        _known = known;
        _telemetry = telemetry;
        _time = time;
        _window = options.Value.BatchWindow;
    }

    /// <summary>
    /// The answer to <paramref name="flagKey"/>'s query <paramref name="query"/>, whose text with the flag left standing is
    /// <paramref name="shared"/>: from a batched query shared with other flags when it can be, else from its own.
    /// </summary>
    public async Task<VectorOutcome> QueryAsync(string flagKey, string shared, string query, TimeSpan interval, CancellationToken cancellationToken)
    {
        // A window as long as half the rollout's interval at most, so every round still reads data newer than the last one.
        var window = _window < interval / 2 ? _window : interval / 2;
        var budget = QueryBudget.ForInterval(interval);
        if (window <= TimeSpan.Zero) return await _metrics.QueryVectorAsync(query, null, budget, cancellationToken);

        var analysis = _analyses.GetOrAdd(shared, BatchTemplate.Analyze);
        var flags = Index().FlagsOf(shared);
        if (analysis.Kind == BatchAnalysisKind.NotBatchable || flags.Count < 2 || !flags.Contains(flagKey))
            return await _metrics.QueryVectorAsync(query, null, budget, cancellationToken);

        // The batch window this round falls in: every round of it reads the same answers, rendered and queried once.
        var now = _time.GetUtcNow().UtcTicks;
        var start = now - now % window.Ticks;
        Sweep(now);
        var batches = _windows.GetOrAdd((shared, start, window.Ticks), _ => new Lazy<BatchWindow>(() => Open(analysis, flags, query, budget))).Value;
        if (!batches.BatchOf.TryGetValue(flagKey, out var index))
            return await _metrics.QueryVectorAsync(query, null, budget, cancellationToken);
        _telemetry.BatchAnswers.Add(1);
        var answers = await batches.Answers[index].Value;
        return answers.TryGetValue(flagKey, out var own) ? own : await _metrics.QueryVectorAsync(query, null, budget, cancellationToken);
    }

    // The batches of one window: the flags sharing the text that are live now, rendered once. Each batch's query runs
    // when its first flag asks, with no caller's cancellation (it is shared), within the budget of that flag's interval.
    private BatchWindow Open(BatchAnalysis analysis, IReadOnlyCollection<string> flags, string anyQuery, QueryBudget budget)
    {
        if (analysis.Kind == BatchAnalysisKind.FlagIndependent)
        {
            var one = new Lazy<Task<IReadOnlyDictionary<string, VectorOutcome>>>(async () =>
            {
                var answer = await _metrics.QueryVectorAsync(anyQuery, null, budget, CancellationToken.None);
                return flags.ToDictionary(f => f, _ => answer, StringComparer.Ordinal);
            });
            return new BatchWindow(flags.ToDictionary(f => f, _ => 0, StringComparer.Ordinal), [one]);
        }
        // Only rollouts that are measured now; the rest would only lengthen the query.
        var live = flags.Where(f => _known.Find(f) is { } s && TransitionTable.IsLive(s.Phase)).ToList();
        var rendered = analysis.Template!.Render(live);
        var batchOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rendered.Count; i++)
            foreach (var flag in rendered[i].Flags) batchOf[flag] = i;
        var answers = rendered.Select(batch => new Lazy<Task<IReadOnlyDictionary<string, VectorOutcome>>>(async () =>
        {
            _telemetry.BatchQueries.Add(1);
            return analysis.Template.Split(batch, await _metrics.QueryVectorAsync(batch.Query, null, budget, CancellationToken.None));
        })).ToArray();
        return new BatchWindow(batchOf, answers);
    }

    private BatchIndex Index()
    {
        var current = _policies.Current;
        var index = Volatile.Read(ref _index);
        if (ReferenceEquals(index.Policies, current)) return index;
        // Rebuilt once per reload of the policies; a race builds it twice, harmlessly.
        index = BatchIndex.Build(current);
        Volatile.Write(ref _index, index);
        _analyses.Clear();
        return index;
    }

    // Windows that have passed are never read again: drop them, at most once per (longest) window.
    private void Sweep(long nowTicks)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (nowTicks - last < _window.Ticks || Interlocked.CompareExchange(ref _lastSweep, nowTicks, last) != last) return;
        foreach (var key in _windows.Keys.Where(k => k.Start + k.Length < nowTicks - k.Length)) _windows.TryRemove(key, out _);
    }

    private sealed record BatchWindow(
        IReadOnlyDictionary<string, int> BatchOf, IReadOnlyList<Lazy<Task<IReadOnlyDictionary<string, VectorOutcome>>>> Answers);
}
