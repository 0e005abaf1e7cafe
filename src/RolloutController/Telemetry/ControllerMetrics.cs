using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;
using RolloutController.EventStreams;

namespace RolloutController.Telemetry;

/// <summary>
/// Every instrument the controller exposes about itself, on a <see cref="Meter"/> (so in-process listeners such as
/// OpenTelemetry see them) and, when built with a <see cref="CollectorRegistry"/>, exported on <c>/metrics</c> through
/// prometheus-net (<see cref="PrometheusExport"/>). Names here use OpenTelemetry conventions; each instrument declares
/// the labels it is exported with.
/// </summary>
internal sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "RolloutController";

    /// <summary>Upper bounds in seconds for query latencies: 5 ms to 1 minute.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Upper bounds in seconds for an event-stream fan-out (one change written to up to tens of thousands of
    /// connections): 1 ms to 5 s.</summary>
    public static readonly IReadOnlyList<double> FanOutBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Upper bounds in seconds for round lag: 10 ms to 15 minutes.</summary>
    public static readonly IReadOnlyList<double> LagBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    private readonly Meter _meter;
    private readonly List<ExportedInstrument> _exported = [];
    private readonly PrometheusExport? _export;
    private readonly ConcurrentDictionary<string, (string Phase, double Weight)> _rollouts = new();
    private readonly ConcurrentDictionary<(string Flag, string Guardrail), double> _guardrailValues = new();
    private readonly ConcurrentDictionary<(string Flag, string Guardrail, string Bound), double> _guardrailBounds = new();
    private int _policyErrors;
    private int _lateRollouts;
    private Func<int>? _queuedRounds;
    private Func<int>? _queriesInFlight;
    private Func<int>? _pendingSafety;
    private Func<double>? _oldestPendingSafety;
    private Func<int>? _changeSubscribers;
    private int _ofrepEventStreams;
    private int _dashboardEventStreams;
    private int _listening;
    private Func<IReadOnlyCollection<PlatformGauge>>? _platforms;

    /// <summary>The instruments only, exported nowhere (tests, tools that only listen in process).</summary>
    public ControllerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Transitions = Export(_meter.CreateCounter<long>("rollout_transitions",
            description: "Rollout transitions by flag and trigger."), "flag", "trigger");
        Rollbacks = Export(_meter.CreateCounter<long>("rollout_rollbacks",
            description: "Automatic rollbacks by flag and guardrail."), "flag", "guardrail");
        Measurements = Export(_meter.CreateCounter<long>("guardrail_measurements",
            description: "Guardrail measurements by flag, guardrail and verdict."), "flag", "guardrail", "verdict");
        QueryDuration = Export(_meter.CreateHistogram("prometheus_query_duration", unit: "s",
            description: "Latency of Prometheus queries, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets }), "outcome");
        QueryErrors = Export(_meter.CreateCounter<long>("prometheus_query_errors",
            description: "Prometheus queries that failed, by reason."), "reason");
        OfrepEvaluations = Export(_meter.CreateCounter<long>("ofrep_evaluations",
            description: "OFREP evaluations by flag, variant and reason."), "flag", "variant", "reason");
        NotificationDeliveries = Export(_meter.CreateCounter<long>("notification_deliveries",
            description: "Notification delivery attempts by channel, route and outcome."), "channel", "route", "outcome");
        AlertmanagerReposts = Export(_meter.CreateCounter<long>("alertmanager_reposts",
            description: "Firing alerts of open incidents posted to Alertmanager again, by route and outcome (posted, failed)."), "route", "outcome");
        PolicyReloads = Export(_meter.CreateCounter<long>("policy_reloads",
            description: "Policy directory loads by result."), "result");
        RoundLag = Export(_meter.CreateHistogram("round_lag", unit: "s",
            description: "How long after its due time each measurement round started.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets }));
        Rounds = Export(_meter.CreateCounter<long>("rounds",
            description: "Measurement rounds by outcome (completed, not_due, dropped, conflict, failed_store, failed)."),
            "outcome");
        RoundsCoalesced = Export(_meter.CreateCounter<long>("rounds_coalesced",
            description: "Round firings merged into a round already queued or running for the same rollout."));
        BatchQueries = Export(_meter.CreateCounter<long>("prometheus_batch_queries",
            description: "Batched queries sent, each measuring many rollouts that share a query template."));
        BatchAnswers = Export(_meter.CreateCounter<long>("prometheus_batch_answers",
            description: "Guardrail queries answered from a batched (or flag-independent) query instead of one of their own."));
        StoreErrors = Export(_meter.CreateCounter<long>("store_errors",
            description: "Store calls that failed, by operation (save, get, list, read_history, outbox, prune, migrate, audit)."),
            "operation");
        JournalErrors = Export(_meter.CreateCounter<long>("journal_errors",
            description: "Safety-journal records that could not be written to local disk."));
        LateRounds = Export(_meter.CreateCounter<long>("rounds_late",
            description: "Rounds that started more than one analysis interval after they were due."));
        ApiRefusals = Export(_meter.CreateCounter<long>("api_refusals",
            description: "API requests refused for a missing, unknown or insufficient token, by status and the role needed."),
            "status", "role");
        AuditAppendFailures = Export(_meter.CreateCounter<long>("audit_append_failures",
            description: "Audit entries that could not be appended (the store failed); each is also logged."));
        FlagChanges = Export(_meter.CreateCounter<long>("flag_changes",
            description: "Changes of what this replica serves, published to the flag change feed."));
        FlagChangesCoalesced = Export(_meter.CreateCounter<long>("flag_changes_coalesced",
            description: "Changes merged into one a subscriber or an event-stream client had not taken yet (a slow reader)."));
        var fanOut = Export(_meter.CreateHistogram("event_stream_fanout", unit: "s",
            description: "Time from a change's publication to its event written to every event-stream connection ready for it, by stream.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FanOutBuckets }), "stream");
        var coalesced = FlagChangesCoalesced;
        OfrepEventStreams = new EventStreamMetrics(
            Export(_meter.CreateCounter<long>("ofrep_event_stream_connections",
                description: "OFREP event-stream connections by outcome (opened, refused, closed, dropped_slow)."), "outcome"),
            Export(_meter.CreateCounter<long>("ofrep_event_stream_events",
                description: "refetchEvaluation events written to OFREP event-stream clients.")),
            coalesced, fanOut, delta => Interlocked.Add(ref _ofrepEventStreams, delta), "ofrep");
        DashboardEventStreams = new EventStreamMetrics(
            Export(_meter.CreateCounter<long>("dashboard_event_stream_connections",
                description: "Dashboard live-update connections by outcome (opened, refused, closed, dropped_slow)."), "outcome"),
            Export(_meter.CreateCounter<long>("dashboard_event_stream_events",
                description: "change events written to dashboard live-update connections.")),
            coalesced, fanOut, delta => Interlocked.Add(ref _dashboardEventStreams, delta), "dashboard");
        Export(_meter.CreateObservableGauge("flag_change_subscribers", () => _changeSubscribers?.Invoke() ?? 0,
            description: "Subscriptions to the flag change feed open now: one per event stream while it has a client, whatever their number."));
        ReplicaSyncNotifications = Export(_meter.CreateCounter<long>("replica_sync_notifications",
            description: "Change notifications received on the PostgreSQL LISTEN connection (any replica's stored changes)."));
        ReplicaSyncReconnects = Export(_meter.CreateCounter<long>("replica_sync_reconnects",
            description: "Times the PostgreSQL LISTEN connection was lost or could not be opened, and was tried again."));
        Export(_meter.CreateObservableGauge("replica_sync_listening", () => Volatile.Read(ref _listening),
            description: "1 while this replica listens for other replicas' changes on PostgreSQL, 0 otherwise."));
        Export(_meter.CreateObservableGauge("ofrep_event_streams", () => Volatile.Read(ref _ofrepEventStreams),
            description: "OFREP event-stream connections open now."));
        Export(_meter.CreateObservableGauge("dashboard_event_streams", () => Volatile.Read(ref _dashboardEventStreams),
            description: "Dashboard live-update connections open now."));

        PlatformErrors = Export(_meter.CreateCounter<long>("flag_platform_errors",
            description: "Failed calls to a flag platform (unreachable, refused, rate limited, not confirmed), by connection."), "provider");

        Export(_meter.CreateObservableGauge("rollout_weight", ObserveWeights, unit: "%",
            description: "Percentage of targeting keys served the flag, per flag."), "flag");
        Export(_meter.CreateObservableGauge("flags_review_overdue", () => ObserveLifecycle(c => c.Overdue),
            description: "Flags whose review date has passed, by owner."), "owner");
        Export(_meter.CreateObservableGauge("flags_stale", () => ObserveLifecycle(c => c.Stale),
            description: "Release flags at 100% past their lifetime and experiments past their end, by owner."), "owner");
        Export(_meter.CreateObservableGauge("flag_platform_served_weight", ObservePlatformWeights, unit: "%",
            description: "What the flag's platform serves, as last read back (0 while the flag is off there)."), "flag", "provider");
        Export(_meter.CreateObservableGauge("flag_platform_status", ObservePlatformStatus,
            description: "1 for where each platform-backed flag stands: applying, insync, unreachable, drifted, rollbackpending."), "flag", "provider", "status");
        Export(_meter.CreateObservableGauge("flag_platform_rollback_pending", ObserveRollbackPending,
            description: "1 while a move to 0% (rollback, kill switch) is not applied on the flag's platform."), "flag", "provider");
        Export(_meter.CreateObservableGauge("rollout_phase", ObservePhases,
            description: "1 for the phase each rollout is in."), "flag", "phase");
        Export(_meter.CreateObservableGauge("guardrail_value", ObserveGuardrails,
            description: "Latest observed value of each guardrail."), "flag", "guardrail");
        Export(_meter.CreateObservableGauge("guardrail_bound", ObserveGuardrailBounds,
            description: "The policy's bound of each guardrail measured: max (fails above it) or min (fails below it)."), "flag", "guardrail", "bound");
        Export(_meter.CreateObservableGauge("policy_invalid_files", () => Volatile.Read(ref _policyErrors),
            description: "Policy files that failed validation at the last load."));
        Export(_meter.CreateObservableGauge("rollouts_late", () => Volatile.Read(ref _lateRollouts),
            description: "Live rollouts whose next round is more than one analysis interval late."));
        Export(_meter.CreateObservableGauge("safety_moves_pending", () => _pendingSafety?.Invoke() ?? 0,
            description: "Safety moves (rollback, abort, pause, exclude) served but not yet stored: they wait in the local journal."));
        Export(_meter.CreateObservableGauge("safety_moves_pending_age", () => _oldestPendingSafety?.Invoke() ?? 0, unit: "s",
            description: "How long the oldest safety move not yet stored has waited (0 when none)."));
        Export(_meter.CreateObservableGauge("rounds_queued", () => _queuedRounds?.Invoke() ?? 0,
            description: "Rounds due and waiting for a free slot."));
        Export(_meter.CreateObservableGauge("prometheus_queries_in_flight", () => _queriesInFlight?.Invoke() ?? 0,
            description: "Prometheus queries being evaluated now (at most Prometheus:MaxConcurrentQueries)."));
    }

    /// <summary>The instruments, exported to <paramref name="registry"/> (one registry per host: see <c>AddControllerTelemetry</c>).</summary>
    public ControllerMetrics(IMeterFactory meterFactory, CollectorRegistry registry) : this(meterFactory) =>
        _export = new PrometheusExport(registry, _exported);

    /// <summary>Every instrument with the labels it is exported with.</summary>
    public IReadOnlyList<ExportedInstrument> Exported => _exported;

    public Counter<long> Transitions { get; }
    public Counter<long> Rollbacks { get; }
    public Counter<long> Measurements { get; }
    public Histogram<double> QueryDuration { get; }
    public Counter<long> QueryErrors { get; }
    public Counter<long> OfrepEvaluations { get; }
    public Counter<long> NotificationDeliveries { get; }
    public Counter<long> AlertmanagerReposts { get; }
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
    public Counter<long> AuditAppendFailures { get; }
    public Counter<long> FlagChanges { get; }
    public Counter<long> FlagChangesCoalesced { get; }
    /// <summary>OFREP's event stream (<c>/ofrep/v1/events</c>).</summary>
    public EventStreamMetrics OfrepEventStreams { get; }

    /// <summary>The dashboard's live updates (<c>/dashboard/events</c>).</summary>
    public EventStreamMetrics DashboardEventStreams { get; }
    public Counter<long> ReplicaSyncNotifications { get; }
    public Counter<long> ReplicaSyncReconnects { get; }

    public void SetListening(bool listening) => Volatile.Write(ref _listening, listening ? 1 : 0);

    public void ObserveChangeSubscribers(Func<int> count) => _changeSubscribers = count;

    public Counter<long> PlatformErrors { get; }

    public void SetRollout(string flag, string phase, double weight) => _rollouts[flag] = (phase, weight);

    public void SetGuardrailValue(string flag, string guardrail, double value) => _guardrailValues[(flag, guardrail)] = value;

    /// <summary>
    /// The bounds of a guardrail as its policy states them now (<paramref name="max"/>, <paramref name="min"/>; null: none),
    /// so a dashboard draws each value against its bound; a bound the policy dropped disappears.
    /// </summary>
    public void SetGuardrailBounds(string flag, string guardrail, double? max, double? min)
    {
        foreach (var (bound, value) in new[] { ("max", max), ("min", min) })
        {
            if (value is { } v) _guardrailBounds[(flag, guardrail, bound)] = v;
            else _guardrailBounds.TryRemove((flag, guardrail, bound), out _);
        }
    }

    public void SetInvalidPolicyFiles(int count) => Volatile.Write(ref _policyErrors, count);

    public void SetLateRollouts(int count) => Volatile.Write(ref _lateRollouts, count);

    public void ObserveQueuedRounds(Func<int> count) => _queuedRounds = count;

    public void ObserveQueriesInFlight(Func<int> count) => _queriesInFlight = count;

    /// <summary>Where each platform-backed flag stands, read at each scrape.</summary>
    public void ObservePlatforms(Func<IReadOnlyCollection<PlatformGauge>> platforms) => _platforms = platforms;

    public void ObservePendingSafety(Func<int> count, Func<double> oldestSeconds)
    {
        _pendingSafety = count;
        _oldestPendingSafety = oldestSeconds;
    }

    public void Dispose()
    {
        _export?.Dispose();
        _meter.Dispose();
    }

    /// <summary>Declares the labels <paramref name="instrument"/> is exported with; tags it is given beyond them are not exported.</summary>
    private T Export<T>(T instrument, params string[] labelNames) where T : Instrument
    {
        _exported.Add(new ExportedInstrument(instrument, labelNames));
        return instrument;
    }

    private volatile IReadOnlyDictionary<string, (int Overdue, int Stale)> _lifecycle = new Dictionary<string, (int, int)>();

    /// <summary>Overdue and stale flags per owner, from the last lifecycle check; owners with none are reported as 0.</summary>
    public void SetLifecycle(IReadOnlyDictionary<string, (int Overdue, int Stale)> byOwner) => _lifecycle = byOwner;

    private IEnumerable<Measurement<int>> ObserveLifecycle(Func<(int Overdue, int Stale), int> count) =>
        _lifecycle.Select(o => new Measurement<int>(count(o.Value), new KeyValuePair<string, object?>("owner", o.Key)));

    private IEnumerable<Measurement<double>> ObserveWeights()
    {
        // A flag on a platform serves what the platform read back, not what was sent.
        var read = (_platforms?.Invoke() ?? []).Where(p => p.ServedWeight is not null).ToDictionary(p => p.Flag, p => p.ServedWeight!.Value, StringComparer.Ordinal);
        return _rollouts.Select(r => new Measurement<double>(read.TryGetValue(r.Key, out var served) ? (double)served : r.Value.Weight,
            new KeyValuePair<string, object?>("flag", r.Key)));
    }

    private IEnumerable<Measurement<double>> ObservePlatformWeights() =>
        (_platforms?.Invoke() ?? []).Where(p => p.ServedWeight is not null).Select(p => new Measurement<double>((double)p.ServedWeight!.Value,
            new KeyValuePair<string, object?>("flag", p.Flag), new KeyValuePair<string, object?>("provider", p.Provider)));

    private IEnumerable<Measurement<int>> ObservePlatformStatus() =>
        (_platforms?.Invoke() ?? []).Select(p => new Measurement<int>(1, new KeyValuePair<string, object?>("flag", p.Flag),
            new KeyValuePair<string, object?>("provider", p.Provider), new KeyValuePair<string, object?>("status", p.Status)));

    private IEnumerable<Measurement<int>> ObserveRollbackPending() =>
        (_platforms?.Invoke() ?? []).Select(p => new Measurement<int>(p.RollbackPending ? 1 : 0, new KeyValuePair<string, object?>("flag", p.Flag),
            new KeyValuePair<string, object?>("provider", p.Provider)));

    private IEnumerable<Measurement<int>> ObservePhases() =>
        _rollouts.Select(r => new Measurement<int>(1,
            new KeyValuePair<string, object?>("flag", r.Key),
            new KeyValuePair<string, object?>("phase", r.Value.Phase)));

    private IEnumerable<Measurement<double>> ObserveGuardrails() =>
        _guardrailValues.Select(g => new Measurement<double>(g.Value,
            new KeyValuePair<string, object?>("flag", g.Key.Flag),
            new KeyValuePair<string, object?>("guardrail", g.Key.Guardrail)));

    private IEnumerable<Measurement<double>> ObserveGuardrailBounds() =>
        _guardrailBounds.Select(g => new Measurement<double>(g.Value,
            new KeyValuePair<string, object?>("flag", g.Key.Flag),
            new KeyValuePair<string, object?>("guardrail", g.Key.Guardrail),
            new KeyValuePair<string, object?>("bound", g.Key.Bound)));
}
