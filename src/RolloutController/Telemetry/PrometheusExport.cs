using System.Diagnostics.Metrics;
using Prometheus;
using PrometheusMetrics = Prometheus.Metrics;

namespace RolloutController.Telemetry;

/// <summary>
/// Forwards the measurements of <see cref="ControllerMetrics"/>' instruments to prometheus-net collectors in one
/// <see cref="CollectorRegistry"/>, named by <see cref="PrometheusName"/>: counters as counters, histograms as histograms
/// with their advised buckets, observable gauges as gauges observed at each scrape. It listens to exactly the instruments
/// it is given, so two hosts in one process (each with its own meter and registry) never see each other's series.
/// prometheus-net's <c>MeterAdapter</c> is not used: it exports counters as gauges, prefixes the meter's name, adds no
/// unit or <c>_total</c> suffix and expires idle series (docs/observability.md).
/// </summary>
internal sealed class PrometheusExport : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<ObservedGaugeSink> _observed = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public PrometheusExport(CollectorRegistry registry, IEnumerable<ExportedInstrument> instruments)
    {
        var factory = PrometheusMetrics.WithCustomRegistry(registry);
        _listener.SetMeasurementEventCallback<int>((_, value, tags, sink) => ((MetricSink)sink!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, sink) => ((MetricSink)sink!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, sink) => ((MetricSink)sink!).Record(value, tags));
        _listener.Start();
        foreach (var exported in instruments)
        {
            var sink = CreateSink(factory, exported);
            if (sink is ObservedGaugeSink observed) _observed.Add(observed);
            _listener.EnableMeasurementEvents(exported.Instrument, sink);
        }
        // Callbacks cannot be removed from a registry; the registry is thrown away with the host that owns both.
        registry.AddBeforeCollectCallback(ObserveGauges);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _listener.Dispose();
        }
    }

    private void ObserveGauges()
    {
        // One pass at a time: two scrapes at once would otherwise sweep each other's series.
        lock (_gate)
        {
            if (_disposed) return;
            foreach (var sink in _observed) sink.BeginPass();
            _listener.RecordObservableInstruments();
            foreach (var sink in _observed) sink.EndPass();
        }
    }

    private static MetricSink CreateSink(MetricFactory factory, ExportedInstrument exported)
    {
        var instrument = exported.Instrument;
        var name = PrometheusName.Of(instrument);
        var help = instrument.Description ?? instrument.Name;
        // Ordinal order, so series render as {a="…",b="…"} whatever order the tags were given in.
        var labels = exported.LabelNames.Order(StringComparer.Ordinal).ToArray();
        return instrument switch
        {
            Counter<long> or Counter<int> => new CounterSink(factory.CreateCounter(name, help, labels), labels),
            Histogram<double> histogram => new HistogramSink(factory.CreateHistogram(name, help, labels,
                new HistogramConfiguration { Buckets = [.. Buckets(histogram)] }), labels),
            ObservableGauge<double> or ObservableGauge<int> or ObservableGauge<long> =>
                new ObservedGaugeSink(factory.CreateGauge(name, help, labels), labels),
            _ => throw new NotSupportedException($"{instrument.GetType().Name} '{instrument.Name}' has no Prometheus mapping"),
        };
    }

    private static IReadOnlyList<double> Buckets(Histogram<double> histogram) =>
        histogram.Advice?.HistogramBucketBoundaries
        ?? throw new InvalidOperationException($"histogram '{histogram.Name}' must advise its bucket boundaries");
}
