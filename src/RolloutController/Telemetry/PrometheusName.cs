using System.Diagnostics.Metrics;

namespace RolloutController.Telemetry;

/// <summary>
/// The Prometheus name of a controller instrument: <c>rollout_controller_</c>, the instrument's name, a base-unit suffix
/// (<c>_seconds</c> for <c>s</c>) and <c>_total</c> for counters. <c>%</c> and other units add nothing.
/// </summary>
internal static class PrometheusName
{
    public const string Prefix = "rollout_controller_";

    public static string Of(Instrument instrument)
    {
        var name = Prefix + instrument.Name + UnitSuffix(instrument.Unit);
        return IsCounter(instrument) ? name + "_total" : name;
    }

    private static bool IsCounter(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type
        && (type.GetGenericTypeDefinition() == typeof(Counter<>) || type.GetGenericTypeDefinition() == typeof(ObservableCounter<>));

    private static string UnitSuffix(string? unit) => unit switch
    {
        "s" => "_seconds",
        "By" => "_bytes",
        _ => "",
    };
}
