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
    private int _lateRollouts;
    private Func<int>? _queuedRounds;
    private Func<int>? _queriesInFlight;
    private Func<int>? _pendingSafety;
    private Func<double>? _oldestPendingSafety;

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
        RoundLag = _meter.CreateHistogram<double>("round_lag", unit: "s",
            description: "How long after its due time each measurement round started.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900] });
        Rounds = _meter.CreateCounter<long>("rounds", description: "Measurement rounds by outcome (completed, not_due, dropped, conflict, failed_store, failed).");
        RoundsCoalesced = _meter.CreateCounter<long>("rounds_coalesced", description: "Round firings merged into a round already queued or running for the same rollout.");
        BatchQueries = _meter.CreateCounter<long>("prometheus_batch_queries", description: "Batched queries sent, each measuring many rollouts that share a query template.");
        BatchAnswers = _meter.CreateCounter<long>("prometheus_batch_answers", description: "Guardrail queries answered from a batched (or flag-independent) query instead of one of their own.");
        StoreErrors = _meter.CreateCounter<long>("store_errors", description: "Store calls that failed, by operation (save, get, list, read_history, outbox, prune, migrate).");
        JournalErrors = _meter.CreateCounter<long>("journal_errors", description: "Safety-journal records that could not be written to local disk.");
        LateRounds = _meter.CreateCounter<long>("rounds_late", description: "Rounds that started more than one analysis interval after they were due.");
        ApiRefusals = _meter.CreateCounter<long>("api_refusals", description: "API requests refused for a missing, unknown or insufficient token, by status and the role needed.");

        _meter.CreateObservableGauge("rollout_weight", ObserveWeights, unit: "%", description: "Percentage of targeting keys served the flag, per flag.");
        _meter.CreateObservableGauge("rollout_phase", ObservePhases, description: "1 for the phase each rollout is in.");
        _meter.CreateObservableGauge("guardrail_value", ObserveGuardrails, description: "Latest observed value of each guardrail.");
        _meter.CreateObservableGauge("policy_invalid_files", () => Volatile.Read(ref _policyErrors), description: "Policy files that failed validation at the last load.");
        _meter.CreateObservableGauge("rollouts_late", () => Volatile.Read(ref _lateRollouts),
            description: "Live rollouts whose next round is more than one analysis interval late.");
        _meter.CreateObservableGauge("safety_moves_pending", () => _pendingSafety?.Invoke() ?? 0,
            description: "Safety moves (rollback, abort, pause, exclude) served but not yet stored: they wait in the local journal.");
        _meter.CreateObservableGauge("safety_moves_pending_age", () => _oldestPendingSafety?.Invoke() ?? 0, unit: "s",
            description: "How long the oldest safety move not yet stored has waited (0 when none).");
        _meter.CreateObservableGauge("rounds_queued", () => _queuedRounds?.Invoke() ?? 0, description: "Rounds due and waiting for a free slot.");
        _meter.CreateObservableGauge("prometheus_queries_in_flight", () => _queriesInFlight?.Invoke() ?? 0,
            description: "Prometheus queries being evaluated now (at most Prometheus:MaxConcurrentQueries).");
    }

    public Counter<long> Transitions { get; }
    public Counter<long> Rollbacks { get; }
    public Counter<long> Measurements { get; }
    public Histogram<double> QueryDuration { get; }
    public Counter<long> QueryErrors { get; }
    public Counter<long> OfrepEvaluations { get; }
    public Counter<long> NotificationDeliveries { get; }
    public Counter<long> PolicyReloads { get; }
    public Histogram<double> RoundLag { get; }
    public Counter<long> Rounds { get; }
    public Counter<long> RoundsCoalesced { get; }
    public Counter<long> LateRounds { get; }
    public Counter<long> StoreErrors { get; }
    public Counter<long> JournalErrors { get; }
    public Counter<long> BatchQueries { get; }
    public Counter<long> BatchAnswers { get; }
    public Counter<long> ApiRefusals { get; }

    public void SetRollout(string flag, string phase, double weight) => _rollouts[flag] = (phase, weight);

    public void SetGuardrailValue(string flag, string guardrail, double value) => _guardrailValues[(flag, guardrail)] = value;

    public void SetInvalidPolicyFiles(int count) => Volatile.Write(ref _policyErrors, count);

    public void SetLateRollouts(int count) => Volatile.Write(ref _lateRollouts, count);

    public void ObserveQueuedRounds(Func<int> count) => _queuedRounds = count;

    public void ObserveQueriesInFlight(Func<int> count) => _queriesInFlight = count;

    public void ObservePendingSafety(Func<int> count, Func<double> oldestSeconds)
    {
        _pendingSafety = count;
        _oldestPendingSafety = oldestSeconds;
    }

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
