namespace RolloutController.Analysis.Statistics;

/// <summary>Which way a metric moves when the canary hurts.</summary>
internal enum MetricDirection
{
    /// <summary>Error rates, latency: harm is the canary going up. The default.</summary>
    LowerIsBetter,

    /// <summary>Conversion, success rates: harm is the canary going down.</summary>
    HigherIsBetter,
}
