using RolloutController.Api;
using RolloutController.ConsoleOutput;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RolloutController.Cli;

/// <summary>
/// One snapshot of <c>rolloutctl watch</c>: the flag, phase and time of the read; stage (1-based) and served weight; time
/// left in the stage's hold; what blocks advancing and which triggers are permitted (when the controller reports them);
/// each guardrail's latest value against its bound, verdict and failure run.
/// </summary>
internal static class WatchView
{
    public static IRenderable Render(IAnsiConsole console, RolloutSnapshot snapshot, DateTimeOffset at)
    {
        var (d, r) = (snapshot.Detail, snapshot.Detail.Rollout);
        var lines = new List<IRenderable>
        {
            RolloutText.Line(ConsoleLine.Of(new Cell(r.Flag, Tone.Heading), "  ", RolloutText.Phase(r.Phase), new Cell($"  {ConsoleText.Time(at)}", Tone.Muted))),
            RolloutText.Line(ConsoleLine.Of(RolloutText.Label("Stage:"), $"{r.Stage} of {r.Stages}")),
            RolloutText.Line(ConsoleLine.Of(RolloutText.Label("Weight:"), ConsoleText.Percent(r.Weight))),
            RolloutText.Line(ConsoleLine.Of(RolloutText.Label("Hold left:"), Hold(r, d.Plan))),
        };
        if (r.PauseReason is { } paused) lines.Add(RolloutText.Line(ConsoleLine.Of(RolloutText.Label("Paused:"), new Cell(paused, Tone.Warning))));
        if (r.OverdueSeconds > 0)
            lines.Add(RolloutText.Line(ConsoleLine.Of(RolloutText.Label("Rounds:"),
                new Cell($"OVERDUE by {ConsoleText.Countdown(r.OverdueSeconds)}: guardrails are not being checked on time", Tone.Bad))));
        if (d.Note is { } note) lines.Add(RolloutText.Line(ConsoleLine.Of(RolloutText.Label("NOTE:"), new Cell(note, Tone.Warning))));
        lines.AddRange(RolloutText.Gate(snapshot.Gate));
        lines.Add(ConsoleTable.Of(console, ["GUARDRAIL", "VALUE", "BOUND", "VERDICT", "FAILS"], d.Guardrails.SelectMany(Guardrail)));
        return new Rows(lines);
    }

    // A per-segment guardrail shows one row per segment of its latest round, each against the same bound.
    private static IEnumerable<IReadOnlyList<Cell>> Guardrail(GuardrailStatus g)
    {
        var segments = (g.LastRound ?? []).Where(m => m.Segment is not null).ToList();
        if (segments.Count <= 1)
        {
            yield return [g.Name, ConsoleText.Number(g.Last?.Value), g.Threshold, RolloutText.Verdict(g), RolloutText.Fails(g)];
            yield break;
        }
        foreach (var m in segments)
            yield return [$"{g.Name} {m.Segment}", ConsoleText.Number(m.Value), m.Threshold, new(m.Verdict, Tones.Verdict(m.Verdict)), RolloutText.Fails(g)];
    }

    /// <summary><c>4m05s of 10m</c>; <c>-</c> once the rollout has ended; says when a pause stops the countdown.</summary>
    private static string Hold(RolloutSummary r, IReadOnlyList<StageView> plan)
    {
        if (r.HoldRemainingSeconds is null) return "-";
        var stage = plan.FirstOrDefault(s => s.Stage == r.Stage);
        var of = stage is null ? "" : $" of {ConsoleText.Duration(TimeSpan.FromSeconds(stage.HoldSeconds))}";
        return $"{ConsoleText.Countdown(r.HoldRemainingSeconds)}{of}{RolloutText.Frozen(r)}";
    }
}
