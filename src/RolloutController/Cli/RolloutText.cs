using RolloutController.Api;
using RolloutController.ConsoleOutput;
using RolloutController.Rollouts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RolloutController.Cli;

/// <summary>Human-readable renderings of the API's read models.</summary>
internal static class RolloutText
{
    /// <summary>Label column width of the detail lines (<c>Flag:      x</c>).</summary>
    private const int LabelWidth = 11;

    public static void List(IAnsiConsole o, IReadOnlyList<RolloutSummary> rollouts)
    {
        if (rollouts.Count == 0)
        {
            o.WriteLine("No rollouts.");
            return;
        }
        ConsoleTable.Write(o, ["FLAG", "PHASE", "STAGE", "WEIGHT", "HOLD LEFT", "LAST MEASURED", "NOTE"],
            rollouts.Select(r => (IReadOnlyList<Cell>)
            [
                r.Flag, Phase(r.Phase), $"{r.Stage}/{r.Stages}", WeightText(r), ConsoleText.Countdown(r.HoldRemainingSeconds),
                r.LastMeasuredAt is { } at ? ConsoleText.Time(at) : "-", new(Note(r), r.OverdueSeconds > 0 ? Tone.Warning : Tone.Plain),
            ]));
    }

    public static void Detail(IAnsiConsole o, RolloutSnapshot snapshot)
    {
        var (d, r) = (snapshot.Detail, snapshot.Detail.Rollout);
        o.WriteLine($"Flag:      {r.Flag}   (policy {r.Policy}, {d.Source})");
        o.WriteLine($"Owner:     {d.Owner}   type {d.Type}");
        o.WriteLine($"Reason:    {d.Reason}");
        if (d.Lifecycle is { } life) ConsoleLine.Write(o, LifecycleLine(life));
        if (d.Runbook is { } runbook) o.WriteLine($"Runbook:   {runbook}");
        ConsoleLine.Write(o, "Phase:     ", Phase(r.Phase), r.PauseReason is null ? "" : $" — {r.PauseReason}");
        if (d.SwitchedOff is { } off) o.Write(SwitchedOff(off));
        if (r.ScheduledFor is { } scheduled) o.WriteLine($"Scheduled: for {ConsoleText.Time(scheduled)}");
        if (IsDryRun(r))
            ConsoleLine.Write(o, new Cell($"Mode:      DRY RUN: decides and records on its real schedule; serves {ConsoleText.Percent(r.ServedWeight ?? 0)}, " +
                "never the stage's weight", Tone.Warning));
        if (d.Note is { } note) ConsoleLine.Write(o, new Cell($"NOTE:      {note}", Tone.Warning));
        o.WriteLine($"Stage:     {StageText(r)}; hold left {ConsoleText.Countdown(r.HoldRemainingSeconds)}{Frozen(r)}");
        if (r.NextRoundAt is { } next)
            ConsoleLine.Write(o, $"Rounds:    next due {ConsoleText.Time(next)}",
                new Cell(r.OverdueSeconds > 0 ? $"; OVERDUE by {ConsoleText.Countdown(r.OverdueSeconds)}: guardrails are not being checked on time" : "", Tone.Bad));
        o.WriteLine($"Plan:      {string.Join(" → ", d.Plan.Select(PlanStep))}");
        if (d.ApprovalsRequired > 0)
            ConsoleLine.Write(o, new Cell($"Approvals: {d.Approvals.Count} of {d.ApprovalsRequired}" +
                string.Concat(d.Approvals.Select(a => $"; {a.Actor} at {ConsoleText.Time(a.At)}: {a.Reason}")), Tone.Warning));
        if (d.FreezeOverride is { } fo)
            ConsoleLine.Write(o, new Cell($"Freeze:    overridden for this policy by {fo.Actor} at {ConsoleText.Time(fo.At)}: {fo.Reason}", Tone.Warning));
        foreach (var line in Gate(snapshot.Gate)) o.Write(line);
        foreach (var (e, i) in d.ExcludedSegments.Select((e, i) => (e, i)))
            o.Write(Line(ConsoleLine.Of(Label(i == 0 ? "Excluded:" : ""),
                new Cell($"{e.Segment} by {e.Guardrail} at stage {e.Stage} since {ConsoleText.Time(e.At)}: {e.Reason}", Tone.Warning))));
        if (d.Platform is { } p)
        {
            // What the platform serves as read back, not what was sent.
            var served = p.ServedWeight is { } w ? $"serves {ConsoleText.Percent(w)}" : "not read yet";
            var read = p.ReadAt is { } at ? $" (read {ConsoleText.Time(at)})" : "";
            o.Write(Line(ConsoleLine.Of(Label("Platform:"),
                new Cell($"{p.Provider} {p.Status}: {served}{read}; {p.Detail}", p.Status == "InSync" ? Tone.Good : Tone.Warning))));
            // Changed by hand: the three answers, each with its command.
            foreach (var answer in p.Answers) o.Write(Line(ConsoleLine.Of(Label(""), new Cell(answer, Tone.Warning))));
        }
        o.WriteLine();
        o.WriteLine("Guardrails:");
        ConsoleTable.Write(o, ["NAME", "BOUND", "LAST", "VALUE", "FAILS", "DETAIL"],
            d.Guardrails.Select(g => (IReadOnlyList<Cell>)
            [
                g.Name, g.Threshold, Verdict(g), ConsoleText.Number(g.Last?.Value), Fails(g), g.Last?.Detail ?? "not measured yet",
            ]));
        foreach (var g in d.Guardrails.Where(g => g.Runbook is not null))
            o.WriteLine($"Runbook of {g.Name}: {g.Runbook}");
        o.WriteLine();
        o.WriteLine("History (newest first):");
        ConsoleTable.Write(o, ["AT", "EVENT", "WEIGHT", "BY", "WHY"],
            d.History.Take(20).Select(t => (IReadOnlyList<Cell>)
            [
                ConsoleText.Time(t.At), new($"{t.Trigger} {t.From}→{t.To}", Tones.Trigger(t.Trigger)),
                $"{ConsoleText.Percent(t.FromWeight)}→{ConsoleText.Percent(t.ToWeight)}", t.Actor, t.Reason,
            ]));
    }

    /// <summary>A flag no policy drives (or whose rollout has not started): what it is, whether it is switched off, its history.</summary>
    public static void Flag(IAnsiConsole o, FlagDetail d)
    {
        o.WriteLine($"Flag:      {d.Flag}   (type {d.Type}, layer {d.Layer}{(d.Policy is { } p ? $", policy {p}" : ", no policy")})");
        o.WriteLine($"Owner:     {d.Owner}");
        if (d.SwitchedOff is { } off) o.Write(SwitchedOff(off));
        else ConsoleLine.Write(o, Label("Switch:"), new Cell("on", Tone.Good));
        if (d.Note is { } note) ConsoleLine.Write(o, new Cell($"NOTE:      {note}", Tone.Warning));
        if (d.Rollout is { } r) ConsoleLine.Write(o, "Rollout:   ", Phase(r.Phase), $" at {ConsoleText.Percent(r.Weight)} (stage {r.Stage} of {r.Stages})");
        o.WriteLine();
        o.WriteLine("History (newest first):");
        ConsoleTable.Write(o, ["AT", "EVENT", "BY", "WHY"],
            d.History.Take(20).Select(t => (IReadOnlyList<Cell>)[ConsoleText.Time(t.At), new(t.Trigger, Tones.Trigger(t.Trigger)), t.Actor, t.Reason]));
    }

    /// <summary><c>Switched:  OFF by alice since …: reason</c>, as one line.</summary>
    public static IRenderable SwitchedOff(SwitchView off) =>
        Line(ConsoleLine.Of(Label("Switched:"), new Cell($"OFF by {off.Actor} since {ConsoleText.Time(off.At)}: {off.Reason}", Tone.Bad)));

    /// <summary>
    /// <c>Blocked:</c> (one reason a line) and <c>Permitted:</c> lines, each only when the controller reports it; each
    /// ends its line.
    /// </summary>
    public static IEnumerable<IRenderable> Gate(RolloutGate gate)
    {
        if (gate.Blocked is { } blocked)
        {
            if (blocked.Count == 0) yield return Line(ConsoleLine.Of(Label("Blocked:"), new Cell("nothing", Tone.Good)));
            for (var i = 0; i < blocked.Count; i++)
                yield return Line(ConsoleLine.Of(Label(i == 0 ? "Blocked:" : ""), new Cell(blocked[i], Tone.Warning)));
        }
        if (gate.Permitted is { } permitted)
            yield return Line(ConsoleLine.Of(Label("Permitted:"), permitted.Count == 0 ? "nothing" : string.Join(", ", permitted)));
    }

    /// <summary>One line about the rollout after a change or at the end of a watch: <c>flag: Paused at 1% (stage 1 of 4)</c>.</summary>
    public static IRenderable Outcome(RolloutSummary r, string prefix = "") =>
        Line(ConsoleLine.Of($"{prefix}{r.Flag}: ", Phase(r.Phase), $" at {WeightText(r)} (stage {r.Stage} of {r.Stages})"));

    /// <summary><c>2 of 4 at 10%</c>.</summary>
    public static string StageText(RolloutSummary r) => $"{r.Stage} of {r.Stages} at {WeightText(r)}";

    // "10% for 48h", "approval ×2 → 50% for 72h", "100% until approved".
    private static string PlanStep(StageView s) =>
        (s.ApprovalsBefore > 0 ? $"approval ×{s.ApprovalsBefore} → " : "") + ConsoleText.Percent(s.Weight) +
        (s.HoldSeconds > 0 ? $" for {ConsoleText.Duration(TimeSpan.FromSeconds(s.HoldSeconds))}" : "") + (s.ManualGate ? " until approved" : "");

    /// <summary><c>10%</c>, or for a dry run <c>10% (dry run, serves 0%)</c>: the weight it decided, and what is served.</summary>
    public static string WeightText(RolloutSummary r) =>
        IsDryRun(r) ? $"{ConsoleText.Percent(r.Weight)} (dry run, serves {ConsoleText.Percent(r.ServedWeight ?? 0)})" : ConsoleText.Percent(r.Weight);

    public static bool IsDryRun(RolloutSummary r) => r.Mode == "dry-run";

    public static string Frozen(RolloutSummary r) => r.Phase == nameof(RolloutPhase.Paused) ? " (not counting while paused)" : "";

    public static Cell Phase(string phase) => new(phase, Tones.Phase(phase));

    public static Cell Verdict(GuardrailStatus g) => new(g.Last?.Verdict ?? "-", Tones.Verdict(g.Last?.Verdict));

    public static Cell Fails(GuardrailStatus g) =>
        new($"{g.ConsecutiveFailures}/{g.FailureLimit}", g.ConsecutiveFailures > 0 ? Tone.Warning : Tone.Plain);

    public static Cell Label(string label) => label.PadRight(LabelWidth);

    /// <summary><paramref name="content"/> followed by a line end, as one renderable (for lists of lines and live views).</summary>
    public static IRenderable Line(IRenderable content) => new Rows(content);

    // An overdue round matters more than why a rollout is paused: its guardrails are not being checked.
    private static string Note(RolloutSummary r) =>
        r.OverdueSeconds > 0 ? $"ROUNDS OVERDUE by {ConsoleText.Countdown(r.OverdueSeconds)}" + (r.PauseReason is null ? "" : $"; {r.PauseReason}")
        : r.ScheduledFor is { } at ? $"scheduled for {ConsoleText.Time(at)}"
        : r.PauseReason ?? "";

    /// <summary><c>Review:    by 2026-12-15 (OVERDUE) · remove by 2026-12-20 (STALE) · lifetime 14d · when: criterion · suggested: delete</c>.</summary>
    public static Cell LifecycleLine(Lifecycle.LifecycleView l)
    {
        var parts = new List<string> { l.ReviewBy is { } by ? $"by {by:yyyy-MM-dd}{(l.Overdue ? " (OVERDUE)" : "")}" : "no review date" };
        if (l.RemoveBy is { } remove) parts.Add($"remove by {remove:yyyy-MM-dd}{(l.Stale ? " (STALE)" : "")}");
        if (l.Lifetime is { } lifetime) parts.Add($"lifetime {lifetime}");
        if (l.Criterion is { } criterion) parts.Add($"when: {criterion}");
        if (l.Decision is { } d) parts.Add($"decided {d.Verdict}{(d.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")} by {d.Actor}");
        parts.Add($"suggested: {l.Suggested}");
        return new Cell("Review:    " + string.Join(" · ", parts), l.Overdue || l.Stale ? Tone.Warning : Tone.Plain);
    }
}
