using Prometheus;

namespace RolloutController.SampleService;

/// <summary>
/// Where served flag values came from and how old the controller's last answer is, on the sample service's own registry:
/// <c>flag_evaluations_total{flag,source}</c> (<c>controller</c>, <c>last_known_good</c>, <c>default</c>) and
/// <c>flag_last_answer_age_seconds{flag}</c>, the staleness gauge (seconds since the controller last answered; it grows
/// during an outage, so a service's own alert sees that its flags are frozen).
/// </summary>
internal sealed class FlagSourceMetrics
{
    private readonly Counter _evaluations;

    public FlagSourceMetrics(CohortMetrics cohort, LastKnownGood lastKnownGood, SampleSettings settings)
    {
        var factory = Metrics.WithCustomRegistry(cohort.Registry);
        _evaluations = factory.CreateCounter("flag_evaluations_total", "Flag values served, by where they came from.", "flag", "source");
        var age = factory.CreateGauge("flag_last_answer_age_seconds", "Seconds since the controller last answered an evaluation of the flag.", "flag");
        foreach (var source in Enum.GetValues<FlagAnswerSource>()) _evaluations.WithLabels(settings.Flag, Label(source));
        cohort.Registry.AddBeforeCollectCallback(() => age.WithLabels(settings.Flag).Set(lastKnownGood.Staleness(settings.Flag).TotalSeconds));
    }

    public void Served(string flag, FlagAnswerSource source) => _evaluations.WithLabels(flag, Label(source)).Inc();

    private static string Label(FlagAnswerSource source) => source switch
    {
        FlagAnswerSource.Controller => "controller",
        FlagAnswerSource.LastKnownGood => "last_known_good",
        _ => "default",
    };
}
