using System.Collections.Concurrent;

namespace RolloutController.ScaleBench;

/// <summary>
/// Every query the stand-in answered: when it arrived and which flags it selected. Kept whole (a few longs per query, some
/// megabytes for a long run at 10,000 rollouts), so any window can be asked about after the fact.
/// </summary>
internal sealed class QueryLog
{
    private readonly ConcurrentDictionary<string, List<long>> _byFlag = new(StringComparer.Ordinal);
    private readonly List<long> _queries = [];
    private long _unmatched;

    /// <summary>Records a query that arrived at <paramref name="unixMs"/> and selected <paramref name="flags"/>.</summary>
    public void Record(long unixMs, IReadOnlyList<string> flags)
    {
        lock (_queries) _queries.Add(unixMs);
        if (flags.Count == 0) Interlocked.Increment(ref _unmatched);
        foreach (var flag in flags)
        {
            var times = _byFlag.GetOrAdd(flag, _ => []);
            lock (times) times.Add(unixMs);
        }
    }

    /// <summary>
    /// What was measured in [<paramref name="from"/>, <paramref name="to"/>) (Unix seconds). A rollout's queries less than
    /// half an interval apart make one round. A rollout was measured every interval when no stretch of the window, from
    /// its start to the first round, between two rounds, or from the last round to its end, is longer than the interval
    /// plus <paramref name="tolerance"/> of it. <paramref name="expected"/> are the flags that should have been measured;
    /// without them, every flag the stand-in has ever been asked about.
    /// </summary>
    public QueryStats Stats(double from, double to, TimeSpan interval, double tolerance, IReadOnlyCollection<string>? expected)
    {
        var fromMs = (long)(from * 1000);
        var toMs = (long)(to * 1000);
        var intervalMs = (long)interval.TotalMilliseconds;
        var limitMs = intervalMs * (1 + tolerance);
        var windows = (int)Math.Max(0, (toMs - fromMs) / intervalMs);
        var measuredPerWindow = new int[windows];
        var queriesPerWindow = new long[windows];

        long[] queries;
        lock (_queries) queries = _queries.Where(t => t >= fromMs && t < toMs).ToArray();
        var perSecond = new int[Math.Max(1, (int)((toMs - fromMs + 999) / 1000))];
        foreach (var t in queries) perSecond[(t - fromMs) / 1000]++;

        var flags = expected ?? (IReadOnlyCollection<string>)_byFlag.Keys.ToList();
        var longestStretches = new List<double>(flags.Count);
        var never = new List<string>();
        int measured = 0, onTime = 0;
        long flagQueries = 0;
        foreach (var flag in flags)
        {
            var times = Times(flag, fromMs, toMs);
            flagQueries += times.Length;
            var rounds = RoundStarts(times, intervalMs / 2);
            if (rounds.Count == 0) never.Add(flag);
            else measured++;
            foreach (var w in rounds.Select(r => (int)((r - fromMs) / intervalMs)).Where(w => w < windows).Distinct()) measuredPerWindow[w]++;
            foreach (var t in times.Where(t => (t - fromMs) / intervalMs < windows)) queriesPerWindow[(t - fromMs) / intervalMs]++;
            var longest = LongestStretch(rounds, fromMs, toMs);
            longestStretches.Add(longest / 1000.0);
            if (rounds.Count > 0 && longest <= limitMs) onTime++;
        }
        longestStretches.Sort();
        return new QueryStats(
            from, to, interval.TotalSeconds, tolerance,
            queries.Length, Interlocked.Read(ref _unmatched), queries.Length / Math.Max(0.001, (toMs - fromMs) / 1000.0), perSecond.Max(),
            flagQueries, flags.Count, measured, never.Count, never.Order(StringComparer.Ordinal).Take(10).ToList(),
            onTime, flags.Count - onTime,
            Percentiles.OfSorted(longestStretches, 0.5), Percentiles.OfSorted(longestStretches, 0.99), longestStretches.Count > 0 ? longestStretches[^1] : 0,
            Enumerable.Range(0, windows).Select(w => new WindowStats((fromMs + w * intervalMs) / 1000.0, measuredPerWindow[w], queriesPerWindow[w])).ToList());
    }

    /// <summary>One line per flag the stand-in was asked about, for looking into a run: flag, queries, rounds, longest stretch.</summary>
    public IEnumerable<string> FlagLines(double from, double to, TimeSpan interval)
    {
        var fromMs = (long)(from * 1000);
        var toMs = (long)(to * 1000);
        yield return "flag\tqueries\trounds\tlongest_unmeasured_s\tfirst_round_unix\tlast_round_unix";
        foreach (var flag in _byFlag.Keys.Order(StringComparer.Ordinal))
        {
            var times = Times(flag, fromMs, toMs);
            var rounds = RoundStarts(times, (long)interval.TotalMilliseconds / 2);
            yield return string.Join('\t', flag, times.Length, rounds.Count, LongestStretch(rounds, fromMs, toMs) / 1000.0,
                rounds.Count > 0 ? rounds[0] / 1000.0 : 0, rounds.Count > 0 ? rounds[^1] / 1000.0 : 0);
        }
    }

    private long[] Times(string flag, long fromMs, long toMs)
    {
        if (!_byFlag.TryGetValue(flag, out var all)) return [];
        lock (all) return all.Where(t => t >= fromMs && t < toMs).Order().ToArray();
    }

    private static List<long> RoundStarts(long[] times, long sameRoundMs)
    {
        var starts = new List<long>();
        for (var i = 0; i < times.Length; i++)
            if (i == 0 || times[i] - times[i - 1] > sameRoundMs) starts.Add(times[i]);
        return starts;
    }

    private static long LongestStretch(List<long> rounds, long fromMs, long toMs)
    {
        if (rounds.Count == 0) return toMs - fromMs;
        var longest = Math.Max(rounds[0] - fromMs, toMs - rounds[^1]);
        for (var i = 1; i < rounds.Count; i++) longest = Math.Max(longest, rounds[i] - rounds[i - 1]);
        return longest;
    }
}

/// <summary>The answer of the stand-in's <c>GET /stats</c>; see <see cref="QueryLog.Stats"/>.</summary>
internal sealed record QueryStats(
    double From,
    double To,
    double IntervalSeconds,
    double Tolerance,
    long Queries,
    long QueriesWithoutFlagSinceStart,
    double QueriesPerSecond,
    int QueriesPerSecondMax,
    long FlagSelections,
    int Expected,
    int Measured,
    int NeverMeasured,
    IReadOnlyList<string> NeverMeasuredSample,
    int MeasuredEveryInterval,
    int NotMeasuredEveryInterval,
    double LongestUnmeasuredP50Seconds,
    double LongestUnmeasuredP99Seconds,
    double LongestUnmeasuredMaxSeconds,
    IReadOnlyList<WindowStats> Windows);

/// <summary>One interval of the window: rollouts whose round started in it, and the flag selections it received.</summary>
internal sealed record WindowStats(double Start, int Measured, long FlagSelections);
