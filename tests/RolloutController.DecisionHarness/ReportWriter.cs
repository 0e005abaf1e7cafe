using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RolloutController.Policies;
using RolloutController.Time;

namespace RolloutController.DecisionHarness;

/// <summary>Renders the results as a markdown report or as JSON.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Json(HarnessOptions options, IReadOnlyList<PolicyTrack> policies, IReadOnlyList<ScenarioResult> results, TimeSpan wall) =>
        JsonSerializer.Serialize(
            new
            {
                options.Runs,
                options.Seed,
                IntervalMinutes = policies[0].Policy.Analysis.Interval.TotalMinutes,
                HorizonHours = RolloutSimulator.Horizon(policies[0].Policy).TotalHours,
                Policies = policies.Select(p => new { p.Name, p.Yaml }),
                WallSeconds = Math.Round(wall.TotalSeconds, 1),
                Results = results.Select(r => new { r.Scenario, r.Policies }),
            },
            new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } });

    public static string Markdown(HarnessOptions options, IReadOnlyList<PolicyTrack> policies, IReadOnlyList<ScenarioResult> results, TimeSpan wall)
    {
        var sb = new StringBuilder();
        var policy = policies[0].Policy;
        var analysis = policy.Analysis;
        var ramp = string.Join(" → ", policy.Stages.Select(s => $"{s.Weight.ToString(Inv)}% {DurationParser.Format(s.Hold)}"));
        sb.AppendLine(Inv, $"Ramp {ramp}; analysis interval {DurationParser.Format(analysis.Interval)} of virtual time; horizon {Hours(RolloutSimulator.Horizon(policy).TotalHours)}; {options.Runs} rollouts per scenario and policy, seed {options.Seed}.");
        foreach (var track in policies) sb.AppendLine(Inv, $"- {track.Name}: {Describe(track.Policy)}");
        if (analysis.SampleRatio is { } srm)
            sb.AppendLine(Inv, $"- both: sampleRatio (sequential test) alpha {srm.PValueThreshold.ToString(Inv)}, minCount {srm.MinCount.ToString(Inv)}, mismatchLimit {srm.MismatchLimit}; error limit {analysis.ConsecutiveErrorLimit} rounds ({analysis.OnErrorLimit.ToString().ToLowerInvariant()}), no-data limit {analysis.ConsecutiveNoDataLimit} rounds (pause).");
        sb.AppendLine();
        sb.AppendLine("A/A (no harm): how healthy rollouts ended; a paused rollout stays paused and measured, and can still roll back, for one hold of its stage (± one binomial standard error):");
        sb.AppendLine();
        sb.AppendLine("| traffic (req/min) | policy | completed | false rollback | paused: SRM | paused: limit | unfinished | median time to complete |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.Where(r => r.Scenario.Harm == HarmKind.None))
            foreach (var t in r.Policies)
                sb.AppendLine(Inv, $"| {Traffic(r)} | {t.Policy} | {Rate(t, t.Completed)} | {Rate(t, t.RolledBack)} | {Rate(t, t.SrmPaused)} | {Rate(t, t.LimitPaused)} | {Rate(t, t.Unfinished)} | {Hours(t.MedianCompletionHours)} |");
        foreach (var r in results.Where(r => r.Scenario.Harm == HarmKind.None))
            foreach (var t in r.Policies.Where(t => t.SrmPauses.Count > 0))
                sb.AppendLine().Append(Inv, $"SRM pauses of healthy rollouts, {t.Policy}, {Traffic(r)} req/min, by stage: ").Append(SrmPauses(policy, t)).AppendLine(".");
        sb.AppendLine();
        sb.AppendLine("Harm that starts with the given stage and persists: detected = rolled back (SRM: paused for the mismatch) after the harm began; time from the harmed stage's start:");
        sb.AppendLine();
        sb.AppendLine("| traffic (req/min) | harm | starts at | policy | detected | median | p90 | rolled back before the harm | paused before the harm |");
        sb.AppendLine("|---:|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in results.Where(r => r.Scenario.Harm != HarmKind.None))
        {
            var stage = $"{policy.Stages[r.Scenario.HarmStartStage!.Value].Weight.ToString(Inv)}% stage";
            foreach (var t in r.Policies)
                sb.AppendLine(Inv, $"| {Traffic(r)} | {r.Scenario.Description} | {stage} | {t.Policy} | {Percent(t.Rate(t.Detected))} | {Hours(t.MedianHours)} | {Hours(t.P90Hours)} | {Percent(t.Rate(t.RolledBackBeforeHarm))} | {Percent(t.Rate(t.PausedBeforeHarm))} |");
        }
        var reasons = results.SelectMany(r => r.Policies).SelectMany(t => t.LimitPauseReasons)
            .GroupBy(kv => kv.Key).Select(g => (Reason: g.Key, Runs: g.Sum(kv => kv.Value))).OrderByDescending(x => x.Runs).ToList();
        if (reasons.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Limit pauses, all scenarios and policies: " + string.Join("; ", reasons.Select(x => $"{x.Runs} × \"{x.Reason}\"")) + ".");
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"Wall time {wall.TotalSeconds.ToString("F1", Inv)} s on {Environment.ProcessorCount} cores.");
        return sb.ToString();
    }

    private static string Describe(RolloutPolicy policy) => string.Join("; ", policy.Analysis.Guardrails.Select(g => g.Kind switch
    {
        GuardrailKind.Sequential => $"{g.Name} kind sequential, α {g.Alpha.ToString(Inv)} per rollout, minSamples {g.MinSamples}, failureLimit {g.FailureLimit}",
        _ => $"{g.Name} kind {g.Kind.ToString().ToLowerInvariant()} on the z statistic, max {g.Max?.ToString(Inv)}, failureLimit {g.FailureLimit}, onNoData {g.OnNoData.ToString().ToLowerInvariant()}",
    }));

    // "1% 4 (median 0.1 h into the stage), 10% 2 (…)".
    private static string SrmPauses(RolloutPolicy policy, TrackSummary t) =>
        string.Join(", ", t.SrmPauses.GroupBy(p => p.Stage).OrderBy(g => g.Key).Select(g =>
        {
            var median = TrackSummary.Percentile(g.Select(p => p.HoursIntoStage).Order().ToArray(), 0.5);
            return $"{policy.Stages[g.Key].Weight.ToString(Inv)}% {g.Count()} (median {Hours(median)} into the stage)";
        }));

    private static string Traffic(ScenarioResult r) => r.Scenario.TrafficPerMinute.ToString("N0", Inv);

    private static string Percent(double p) => (p * 100).ToString("0.0", Inv) + "%";

    private static string Rate(TrackSummary t, int count)
    {
        var p = t.Rate(count);
        return $"{Percent(p)} ± {(Math.Sqrt(p * (1 - p) / t.Runs) * 100).ToString("0.0", Inv)}";
    }

    private static string Hours(double? h) => h is { } v ? v.ToString("0.#", Inv) + " h" : "—";
}
