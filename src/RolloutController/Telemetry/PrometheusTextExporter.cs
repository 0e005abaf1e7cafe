using System.Diagnostics.Metrics;
using System.Text;

namespace RolloutController.Telemetry;

/// <summary>
/// Listens to the controller's meter (<see cref="ControllerMetrics.MeterName"/> created by this container's
/// <see cref="IMeterFactory"/>, so several hosts in one process do not mix) and renders its instruments in Prometheus
/// text format 0.0.4 on demand. Names get the <c>rollout_controller_</c> prefix, a unit suffix (<c>_seconds</c>) and
/// <c>_total</c> for counters. Observable instruments are collected at scrape time.
/// </summary>
internal sealed class PrometheusTextExporter : IDisposable
{
    public const string NamePrefix = "rollout_controller_";

    private readonly IMeterFactory _meterFactory;
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private readonly List<MetricAggregator> _aggregators = [];
    private readonly List<MetricAggregator> _observed = [];

    public PrometheusTextExporter(IMeterFactory meterFactory)
    {
        _meterFactory = meterFactory;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<byte>((_, v, t, s) => Record(s, v, t));
        _listener.SetMeasurementEventCallback<short>((_, v, t, s) => Record(s, v, t));
        _listener.SetMeasurementEventCallback<int>((_, v, t, s) => Record(s, v, t));
        _listener.SetMeasurementEventCallback<long>((_, v, t, s) => Record(s, v, t));
        _listener.SetMeasurementEventCallback<float>((_, v, t, s) => Record(s, v, t));
        _listener.SetMeasurementEventCallback<double>((_, v, t, s) => Record(s, v, t));
        _listener.SetMeasurementEventCallback<decimal>((_, v, t, s) => Record(s, (double)v, t));
        _listener.Start();
    }

    /// <summary>The whole exposition: controller metrics sorted by name, then process metrics.</summary>
    public string Collect()
    {
        var output = new StringBuilder();
        lock (_gate)
        {
            // Observable series that are no longer reported (a finished rollout) must disappear, so start empty.
            foreach (var aggregator in _observed) aggregator.Reset();
            _listener.RecordObservableInstruments();
            foreach (var aggregator in _aggregators.OrderBy(a => a.Name, StringComparer.Ordinal))
                aggregator.Write(output);
        }
        ProcessMetrics.Write(output);
        return output.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (instrument.Meter.Name != ControllerMetrics.MeterName || !ReferenceEquals(instrument.Meter.Scope, _meterFactory)) return;
        if (InstrumentMapping.CreateAggregator(instrument, NamePrefix) is not { } aggregator) return;
        lock (_gate)
        {
            // Two instruments mapping to one name would make the exposition invalid; the first one wins.
            if (_aggregators.Any(a => a.Name == aggregator.Name)) return;
            _aggregators.Add(aggregator);
            if (instrument.IsObservable) _observed.Add(aggregator);
        }
        listener.EnableMeasurementEvents(instrument, aggregator);
    }

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        ((MetricAggregator)state!).Record(value, LabelSet.From(tags));
}
