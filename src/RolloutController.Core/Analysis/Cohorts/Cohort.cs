namespace RolloutController.Analysis.Cohorts;

/// <summary>The two cohorts compared: the values of the <c>variant</c> label (and of OFREP's variants).</summary>
internal static class Cohort
{
    /// <summary>Served the flag: the canary (treatment).</summary>
    public const string On = "on";

    /// <summary>Not served the flag: the baseline (control).</summary>
    public const string Off = "off";

    /// <summary>The label that names the cohort in grouped queries.</summary>
    public const string Label = QueryTemplate.Variant;

    public static IReadOnlyList<string> Both { get; } = [On, Off];
}
