namespace RolloutController.Analysis;

/// <summary>What one measurement of one guardrail says.</summary>
internal enum Verdict
{
    Pass,
    Fail,

    /// <summary>Data was there but does not yet allow a conclusion (for example too small a sample).</summary>
    Inconclusive,
    NoData,
    Error,
}
