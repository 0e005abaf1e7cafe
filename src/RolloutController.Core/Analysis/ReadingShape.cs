namespace RolloutController.Analysis;

/// <summary>What a guardrail's query must return to be judged.</summary>
internal enum ReadingShape
{
    /// <summary>One instant value: a plain threshold guardrail. Several series are an error, none is no data.</summary>
    Scalar,

    /// <summary>Labelled series, per cohort and segment: comparison, sequential, per-segment and the sample-ratio check.</summary>
    Series,
}
