using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RolloutController.DecisionHarness;

/// <summary>Renders the results as a markdown report or as JSON.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Json(HarnessOptions options, SimulationSettings settings, IReadOnlyList<ScenarioResult> results, TimeSpan wall) =>
        JsonSerializer.Serialize(
            new
            {
                options.Runs,
                options.Seed,
                IntervalMinutes = settings.Interval.TotalMinutes,
                Stages = settings.Stages.Select(s => new { s.Weight, HoldHours = s.Hold.TotalHours }),
                settings.RolloutAlpha,
                StageAlpha = settings.StageTestOptions.Alpha,
                settings.NaiveAlpha,
                WallSeconds = Math.Round(wall.TotalSeconds, 1),
                Results = results,
            },
            new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } });

    public static string Markdown(HarnessOptions options, SimulationSettings settings, IReadOnlyList<ScenarioResult> results, TimeSpan wall)
    {
        var sb = new StringBuilder();
        var ramp = string.Join(" → ", settings.Stages.Select(s => $"{s.Weight.ToString(Inv)}% {s.Hold.TotalHours.ToString(Inv)}h"));
        var test = settings.StageTestOptions;
        sb.AppendLine(Inv, $"Ramp {ramp}, checked every {settings.Interval.TotalMinutes.ToString(Inv)} min of virtual time; {options.Runs} rollouts per scenario, seed {options.Seed}.");
        sb.AppendLine(Inv, $"Sequential: one-sided asymptotic CS, α {settings.RolloutAlpha.ToString(Inv)} per rollout = {test.Alpha.ToString("G3", Inv)} per stage with a baseline, N* {test.TuningSampleSize.ToString(Inv)}, ≥ {test.MinTrialsPerCohort} trials per cohort, margin 0.");
        sb.AppendLine(Inv, $"Naive: one-sided z-test at α {settings.NaiveAlpha.ToString(Inv)} at every check on the same counts. SRM: χ² p < {settings.Srm.PValueThreshold.ToString(Inv)}, ≥ {settings.Srm.MinExpectedPerArm.ToString(Inv)} expected per arm.");
        sb.AppendLine();
        sb.AppendLine("False rollbacks with no harm (A/A), over the whole rollout (± one binomial standard error):");
        sb.AppendLine();
        sb.AppendLine("| traffic (req/min) | metric | sequential CS | naive z-test every check | SRM false alarm |");
        sb.AppendLine("|---:|---|---:|---:|---:|");
        foreach (var r in results.Where(r => r.Scenario.Harm == HarmKind.None))
            sb.AppendLine(Inv, $"| {r.Scenario.TrafficPerMinute.ToString("N0", Inv)} | {r.Scenario.Metric} {r.Scenario.Description} | {Rate(r.Sequential.FiredRate, r.Sequential.Runs)} | {Rate(r.Naive.FiredRate, r.Naive.Runs)} | {Rate(r.Srm.FiredRate, r.Srm.Runs)} |");
        sb.AppendLine();
        sb.AppendLine("Detection of a harm that starts with the given stage and persists (time from the stage start to the failing check):");
        sb.AppendLine();
        sb.AppendLine("| traffic (req/min) | harm | starts at | detector | detected | median | p90 | false rollback before the harm |");
        sb.AppendLine("|---:|---|---|---|---:|---:|---:|---:|");
        foreach (var r in results.Where(r => r.Scenario.Harm != HarmKind.None))
        {
            var stage = $"{settings.Stages[r.Scenario.HarmStartStage!.Value].Weight.ToString(Inv)}% stage";
            var rows = r.Scenario.Harm == HarmKind.SampleRatio
                ? new[] { ("SRM χ²", r.Srm) }
                : new[] { ("sequential CS", r.Sequential), ("naive z-test", r.Naive) };
            foreach (var (name, d) in rows)
                sb.AppendLine(Inv, $"| {r.Scenario.TrafficPerMinute.ToString("N0", Inv)} | {r.Scenario.Metric} {r.Scenario.Description} | {stage} | {name} | {Percent(d.DetectedRate)} | {Hours(d.MedianHours)} | {Hours(d.P90Hours)} | {Percent((double)d.FiredBeforeHarm / d.Runs)} |");
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"Wall time {wall.TotalSeconds.ToString("F1", Inv)} s on {Environment.ProcessorCount} cores.");
        return sb.ToString();
    }

    private static string Percent(double p) => (p * 100).ToString("0.0", Inv) + "%";

    private static string Rate(double p, int n) =>
        $"{Percent(p)} ± {(Math.Sqrt(p * (1 - p) / n) * 100).ToString("0.0", Inv)}";

    private static string Hours(double? h) => h is { } v ? v.ToString("0.#", Inv) + " h" : "—";
}
