using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// Simulates one rollout on a virtual clock. Every interval, requests arrive as a Poisson process; each is served "on"
/// with the (possibly skewed) stage share and is an event (error, conversion) with its cohort's probability. By Poisson
/// thinning the four counts (on/off × event/no event) are independent Poisson draws. The counts feed cumulative counters
/// as Prometheus would expose them; at each stage start a <see cref="CumulativeCohort"/> starts tracking, and every
/// check runs the real <see cref="SequentialProportionTest"/> and <see cref="SampleRatioCheck"/> on the counts since the
/// stage start, next to the <see cref="NaiveZTest"/> on the same counts. A 100 % stage has no baseline, so nothing is
/// compared there.
/// </summary>
internal static class RolloutSimulator
{
    public static RunOutcome Run(Scenario scenario, SimulationSettings settings, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var testOptions = settings.StageTestOptions;
        var intervalMinutes = settings.Interval.TotalMinutes;
        var meanPerInterval = scenario.TrafficPerMinute * intervalMinutes;
        var onCounter = CohortCounts.Zero;
        var offCounter = CohortCounts.Zero;
        double? sequential = null, naive = null, srm = null;

        for (var stage = 0; stage < settings.Stages.Count; stage++)
        {
            var weight = (double)settings.Stages[stage].Weight / 100;
            var stageStart = settings.StageStartMinute(stage);
            if (weight is <= 0 or >= 1) continue;

            var harmed = scenario.HarmStartStage is { } h && stage >= h;
            var share = Math.Min(1, weight * (harmed && scenario.Harm == HarmKind.SampleRatio ? scenario.ServedShareFactor : 1));
            var canaryRate = harmed && scenario.Harm == HarmKind.Rate ? scenario.HarmedRate : scenario.BaseRate;
            var on = CumulativeCohort.StartAt(onCounter);
            var off = CumulativeCohort.StartAt(offCounter);
            var checks = (int)Math.Ceiling(settings.Stages[stage].Hold / settings.Interval);

            for (var check = 1; check <= checks && (sequential is null || naive is null || srm is null); check++)
            {
                onCounter = onCounter.Add(Draw(rng, meanPerInterval * share, canaryRate));
                offCounter = offCounter.Add(Draw(rng, meanPerInterval * (1 - share), scenario.BaseRate));
                on = on.Observe(onCounter).Cohort;
                off = off.Observe(offCounter).Cohort;
                var minute = stageStart + check * intervalMinutes;

                if (sequential is null &&
                    SequentialProportionTest.Compare(off.SinceStart, on.SinceStart, scenario.Direction, Margin.None, testOptions)
                        .Outcome == ComparisonOutcome.Fail)
                    sequential = minute;
                if (naive is null &&
                    NaiveZTest.Fails(off.SinceStart, on.SinceStart, scenario.Direction, settings.NaiveAlpha, testOptions.MinTrialsPerCohort))
                    naive = minute;
                if (srm is null &&
                    SampleRatioCheck.Evaluate(on.SinceStart.Trials, off.SinceStart.Trials, weight, settings.Srm).Outcome == SrmOutcome.Mismatch)
                    srm = minute;
            }
        }

        return new(sequential, naive, srm);
    }

    private static CohortCounts Draw(Xoshiro256 rng, double meanRequests, double eventRate)
    {
        var events = PoissonSampler.Next(rng, meanRequests * eventRate);
        var nonEvents = PoissonSampler.Next(rng, meanRequests * (1 - eventRate));
        return new(events, events + nonEvents);
    }
}
