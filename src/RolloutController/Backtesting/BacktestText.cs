using RolloutController.ConsoleOutput;
using RolloutController.Rollouts;
using Spectre.Console;

namespace RolloutController.Backtesting;

/// <summary>The human-readable rendering of a <see cref="BacktestReport"/>: header, timeline, rollback evidence, summary. Pure.</summary>
internal static class BacktestText
{
    public static void Write(IAnsiConsole o, BacktestReport r)
    {
        o.WriteLine($"Backtest of {r.Policy} (flag {r.Flag}, {r.Source})");
        o.WriteLine($"Replay:   {Time(r.From)} → {Time(r.To)}, a round every {Duration(r.Interval)}");
        o.WriteLine($"Plan:     {string.Join(" → ", r.Plan.Select(s => $"{ConsoleText.Percent(s.Weight)} for {Duration(s.Hold)}"))}");
        o.WriteLine();
        o.WriteLine("Timeline:");
        ConsoleTable.Write(o, ["AT", "EVENT", "STAGE", "WEIGHT", "WHY"],
            r.Timeline.Select(e => (IReadOnlyList<Cell>)
            [
                Time(e.At), new(EventName(e.Event), Tones.Trigger(EventName(e.Event))), Stage(e, r.Plan.Count),
                $"{ConsoleText.Percent(e.FromWeight)}→{ConsoleText.Percent(e.ToWeight)}", e.Reason,
            ]));

        foreach (var rollback in r.Timeline.Where(e => e.Breaches.Count > 0))
        {
            o.WriteLine();
            o.WriteLine($"Rollback evidence ({Time(rollback.At)}):");
            foreach (var b in rollback.Breaches)
            {
                var since = b.FailingSince is { } s ? $" since {Time(s)}" : "";
                ConsoleLine.Write(o, "  ", new(b.Guardrail, Tone.Bad), $": {b.Detail}; {Count(b.ConsecutiveFailures, "consecutive failure")}{since} (limit {b.FailureLimit})");
                o.WriteLine($"    query: {OneLine(b.Query)}");
            }
        }

        var sum = r.Summary;
        o.WriteLine();
        o.WriteLine("Summary:");
        ConsoleLine.Write(o, "  Outcome:  ", new(Outcome(r), OutcomeTone(sum)));
        o.WriteLine($"  Rounds:   {Count(sum.Rounds, "measurement round")}; {Count(sum.ErrorRounds, "round")} had query errors; {Count(sum.NoDataRounds, "round")} had no data");
        foreach (var warning in Warnings(sum)) ConsoleLine.Write(o, new Cell($"  {warning}", Tone.Warning));
        o.WriteLine();
        ConsoleTable.Write(o, ["GUARDRAIL", "PASS", "FAIL", "INCONCLUSIVE", "NO DATA", "ERROR"],
            sum.Guardrails.Select(g => (IReadOnlyList<Cell>)
                [g.Guardrail, Number(g.Pass), Number(g.Fail), Number(g.Inconclusive), Number(g.NoData), Number(g.Error)]));
    }

    private static Tone OutcomeTone(BacktestSummary s) => s.StoppedBecause switch
    {
        BacktestStopReason.Completed => Tone.Good,
        BacktestStopReason.RolledBack => Tone.Bad,
        _ => s.Phase == RolloutPhase.Paused ? Tone.Warning : Tone.Plain,
    };

    /// <summary>Caveats that make the timeline mean less than it seems: failed queries and missing data.</summary>
    public static IEnumerable<string> Warnings(BacktestSummary s)
    {
        if (s.ErrorRounds > 0)
            yield return $"Warning:  {Count(s.ErrorRounds, "round")} had query errors (first: {s.FirstError}). " +
                         "Those rounds measured nothing: the decisions reflect failed queries, not the flag's health.";
        if (s.NoDataRounds > 0)
            yield return $"Note:     {Count(s.NoDataRounds, "round")} had no data: is --from within Prometheus's retention, " +
                         "and do the queried series (and their rate windows) exist in that period?";
    }

    public static string Outcome(BacktestReport r)
    {
        var s = r.Summary;
        var stage = $"stage {s.Stage} of {s.Stages}";
        return s.StoppedBecause switch
        {
            BacktestStopReason.Completed => $"completed at {Time(s.LastRoundAt)} at {ConsoleText.Percent(s.Weight)} ({stage})",
            BacktestStopReason.RolledBack => RolledBack(r),
            _ when s.Phase == RolloutPhase.Paused =>
                $"paused at {ConsoleText.Percent(s.Weight)} ({stage}) at the end of the range: {s.PauseReason}",
            _ => $"still {s.Phase.ToString().ToLowerInvariant()} at the end of the range: {stage} at {ConsoleText.Percent(s.Weight)}, " +
                 $"{Duration(s.HoldServed)} of {Duration(r.Plan[Math.Clamp(s.Stage - 1, 0, r.Plan.Count - 1)].Hold)} hold served",
        };
    }

    private static string RolledBack(BacktestReport r)
    {
        var rollback = r.Timeline.LastOrDefault(e => e.Event == RolloutTrigger.Rollback);
        if (rollback is null) return $"rolled back at {Time(r.Summary.LastRoundAt)}";
        var guardrails = string.Join(", ", rollback.Breaches.Select(b => b.Guardrail));
        return $"rolled back at {Time(rollback.At)} from {ConsoleText.Percent(rollback.FromWeight)} to 0% (stage {rollback.FromStage} of {r.Plan.Count}): " +
               $"guardrail {guardrails} failed";
    }

    private static string EventName(RolloutTrigger trigger) => trigger.ToString().ToLowerInvariant();

    private static string Stage(BacktestEvent e, int stages) =>
        e.FromStage == e.ToStage || e.FromStage == 0 ? $"{e.ToStage}/{stages}" : $"{e.FromStage}→{e.ToStage}/{stages}";

    private static string Time(DateTimeOffset at) => BacktestRangeParser.Show(at);

    private static string Duration(TimeSpan d) => DurationJsonConverter.Format(d);

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{Number(n)} {noun}{(n == 1 ? "" : "s")}";
}
