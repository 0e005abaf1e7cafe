using RolloutController.Analysis.Cohorts;

namespace RolloutController.DecisionHarness;

/// <summary>What the backend knows at one round: each cohort's increase over the window, and the canary's counters since it began.</summary>
internal readonly record struct WindowCounts(CohortCounters On, CohortCounters Off, CohortCounters CanaryTotal)
{
    public CohortCounters Of(string cohort) => cohort == Cohort.On ? On : Off;
}
