using System.Globalization;
using RolloutController.Api;
using RolloutController.Rollouts;
using RolloutController.Time;

namespace RolloutController.Cli;

/// <summary>Human-readable renderings of the API's read models.</summary>
internal static class RolloutText
{
    public static void List(TextWriter o, IReadOnlyList<RolloutSummary> rollouts)
    {
        if (rollouts.Count == 0)
        {
            o.WriteLine("No rollouts.");
            return;
        }
        TextTable.Write(o, ["FLAG", "PHASE", "STAGE", "WEIGHT", "HOLD LEFT", "LAST MEASURED", "NOTE"],
            rollouts.Select(r => (IReadOnlyList<string>)
            [
                r.Flag, r.Phase, $"{r.Stage}/{r.Stages}", Percent(r.Weight), Hold(r.HoldRemainingSeconds),
                r.LastMeasuredAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-", Note(r),
            ]));
    }

    public static void Detail(TextWriter o, RolloutDetail d)
    {
        var r = d.Rollout;
        o.WriteLine($"Flag:      {r.Flag}   (policy {r.Policy}, {d.Source})");
        o.WriteLine($"Owner:     {d.Owner}   type {d.Type}");
        o.WriteLine($"Reason:    {d.Reason}");
        o.WriteLine($"Phase:     {r.Phase}{(r.PauseReason is null ? "" : $" — {r.PauseReason}")}");
        if (d.Note is { } note) o.WriteLine($"NOTE:      {note}");
        var frozen = r.Phase == nameof(RolloutPhase.Paused) ? " (not counting while paused)" : "";
        o.WriteLine($"Stage:     {r.Stage} of {r.Stages} at {Percent(r.Weight)}; hold left {Hold(r.HoldRemainingSeconds)}{frozen}");
        if (r.NextRoundAt is { } next) o.WriteLine($"Rounds:    next due {next.ToString("u", CultureInfo.InvariantCulture)}" +
            (r.OverdueSeconds > 0 ? $"; OVERDUE by {Hold(r.OverdueSeconds)}: guardrails are not being checked on time" : ""));
        o.WriteLine($"Plan:      {string.Join(" → ", d.Plan.Select(s => $"{Percent(s.Weight)} for {DurationParser.Format(TimeSpan.FromSeconds(s.HoldSeconds))}"))}");
        o.WriteLine();
        o.WriteLine("Guardrails:");
        TextTable.Write(o, ["NAME", "BOUND", "LAST", "VALUE", "FAILS", "DETAIL"],
            d.Guardrails.Select(g => (IReadOnlyList<string>)
            [
                g.Name, g.Threshold, g.Last?.Verdict ?? "-", g.Last?.Value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-",
                $"{g.ConsecutiveFailures}/{g.FailureLimit}", g.Last?.Detail ?? "not measured yet",
            ]));
        o.WriteLine();
        o.WriteLine("History (newest first):");
        TextTable.Write(o, ["AT", "EVENT", "WEIGHT", "BY", "WHY"],
            d.History.Take(20).Select(t => (IReadOnlyList<string>)
            [
                t.At.ToString("u", CultureInfo.InvariantCulture), $"{t.Trigger} {t.From}→{t.To}", $"{Percent(t.FromWeight)}→{Percent(t.ToWeight)}", t.Actor, t.Reason,
            ]));
    }

    // An overdue round matters more than why a rollout is paused: its guardrails are not being checked.
    private static string Note(RolloutSummary r) =>
        r.OverdueSeconds > 0 ? $"ROUNDS OVERDUE by {Hold(r.OverdueSeconds)}" + (r.PauseReason is null ? "" : $"; {r.PauseReason}") : r.PauseReason ?? "";

    public static string Percent(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Time left in a hold, in its two largest units (<c>23h59m</c>, <c>4m05s</c>, <c>9s</c>): a countdown reads
    /// better than the shortest exact form policies use (<c>86394s</c>).
    /// </summary>
    public static string Hold(double? seconds)
    {
        if (seconds is not { } s) return "-";
        var left = TimeSpan.FromSeconds(Math.Ceiling(s));
        return left switch
        {
            { TotalDays: >= 1 } => $"{(int)left.TotalDays}d{left.Hours:00}h",
            { TotalHours: >= 1 } => $"{left.Hours}h{left.Minutes:00}m",
            { TotalMinutes: >= 1 } => $"{left.Minutes}m{left.Seconds:00}s",
            _ => $"{left.Seconds}s",
        };
    }
}
