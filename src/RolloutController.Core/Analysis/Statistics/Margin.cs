namespace RolloutController.Analysis.Statistics;

/// <summary>
/// A tolerated worsening of the canary against the baseline. Only a difference beyond it counts as harm.
/// </summary>
/// <param name="Kind">Absolute (metric units) or relative (fraction of the baseline value).</param>
/// <param name="Value">Non-negative. 0 means any worsening counts.</param>
internal sealed record Margin(MarginKind Kind, double Value)
{
    /// <summary>No tolerance: any established worsening is harm. The default for the sequential test.</summary>
    public static readonly Margin None = new(MarginKind.Absolute, 0);

    public static Margin Absolute(double value) => new(MarginKind.Absolute, value);

    public static Margin Relative(double fraction) => new(MarginKind.Relative, fraction);

    /// <summary>The margin in metric units for a given baseline value (relative margins scale with |baseline|).</summary>
    public double InUnitsOf(double baseline) => Kind == MarginKind.Relative ? Value * Math.Abs(baseline) : Value;

    /// <summary>Null when usable; otherwise why not.</summary>
    public string? Problem() =>
        double.IsFinite(Value) && Value >= 0 ? null : $"margin must be a finite number ≥ 0, got {Value}";

    public override string ToString() =>
        Kind == MarginKind.Relative ? $"{Value:P1} of baseline" : Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
