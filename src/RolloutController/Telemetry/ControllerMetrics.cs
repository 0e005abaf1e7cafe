using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RolloutController.Telemetry;

/// <summary>
/// Every instrument the controller exposes about itself. Exported on <c>/metrics</c> in Prometheus text format
/// (see <c>PrometheusTextExporter</c>); names here use OpenTelemetry conventions and are translated there.
/// </summary>
internal sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "RolloutController";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, (string Phase, double Weight)> _rollouts = new();
    private readonly ConcurrentDictionary<(string Flag, string Guardrail), double> _guardrailValues = new();
    private int _policyErrors;

    public ControllerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Transitions = _meter.CreateCounter<long>("rollout_transitions", description: "Rollout transitions by flag and trigger.");
        Rollbacks = _meter.CreateCounter<long>("rollout_rollbacks", description: "Automatic rollbacks by flag and guardrail.");
        Measurements = _meter.CreateCounter<long>("guardrail_measurements", description: "Guardrail measurements by flag, guardrail and verdict.");
        QueryDuration = _meter.CreateHistogram<double>("prometheus_query_duration", unit: "s", description: "Latency of Prometheus queries, retries included.");
        QueryErrors = _meter.CreateCounter<long>("prometheus_query_errors", description: "Prometheus queries that failed, by reason.");
        OfrepEvaluations = _meter.CreateCounter<long>("ofrep_evaluations", description: "OFREP evaluations by flag, variant and reason.");
        NotificationDeliveries = _meter.CreateCounter<long>("notification_deliveries", description: "Notification delivery attempts by channel, route and outcome.");
        PolicyReloads = _meter.CreateCounter<long>("policy_reloads", description: "Policy directory loads by result.");
        ApiRefusals = _meter.CreateCounter<long>("api_refusals", description: "API requests refused for a missing, unknown or insufficient token, by status and the role needed.");

        _meter.CreateObservableGauge("rollout_weight", ObserveWeights, unit: "%", description: "Percentage of targeting keys served the flag, per flag.");
        _meter.CreateObservableGauge("rollout_phase", ObservePhases, description: "1 for the phase each rollout is in.");
        _meter.CreateObservableGauge("guardrail_value", ObserveGuardrails, description: "Latest observed value of each guardrail.");
        _meter.CreateObservableGauge("policy_invalid_files", () => Volatile.Read(ref _policyErrors), description: "Policy files that failed validation at the last load.");
    }

    public Counter<long> Transitions { get; }
    public Counter<long> Rollbacks { get; }
    public Counter<long> Measurements { get; }
    public Histogram<double> QueryDuration { get; }
    public Counter<long> QueryErrors { get; }
    public Counter<long> OfrepEvaluations { get; }
    public Counter<long> NotificationDeliveries { get; }
    public Counter<long> PolicyReloads { get; }
    public Counter<long> ApiRefusals { get; }

    public void SetRollout(string flag, string phase, double weight) => _rollouts[flag] = (phase, weight);

    public void SetGuardrailValue(string flag, string guardrail, double value) => _guardrailValues[(flag, guardrail)] = value;

    public void SetInvalidPolicyFiles(int count) => Volatile.Write(ref _policyErrors, count);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveWeights() =>
        _rollouts.Select(r => new Measurement<double>(r.Value.Weight, new KeyValuePair<string, object?>("flag", r.Key)));

    private IEnumerable<Measurement<int>> ObservePhases() =>
        _rollouts.Select(r => new Measurement<int>(1,
            new KeyValuePair<string, object?>("flag", r.Key),
            new KeyValuePair<string, object?>("phase", r.Value.Phase)));

    private IEnumerable<Measurement<double>> ObserveGuardrails() =>
        _guardrailValues.Select(g => new Measurement<double>(g.Value,
            new KeyValuePair<string, object?>("flag", g.Key.Flag),
            new KeyValuePair<string, object?>("guardrail", g.Key.Guardrail)));
}
