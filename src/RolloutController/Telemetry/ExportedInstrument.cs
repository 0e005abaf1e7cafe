using System.Diagnostics.Metrics;

namespace RolloutController.Telemetry;

/// <summary>An instrument of <see cref="ControllerMetrics"/> and the label names it is exported with.</summary>
internal sealed record ExportedInstrument(Instrument Instrument, IReadOnlyList<string> LabelNames);
