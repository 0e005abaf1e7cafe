namespace RolloutController.Policies;

/// <summary>One step of the ramp.</summary>
/// <param name="Weight">Percentage of targeting keys served "on", 0–100 with up to three decimals.</param>
/// <param name="Hold">How long the stage is observed before it may advance.</param>
internal sealed record StageSpec(decimal Weight, TimeSpan Hold)
{
    /// <summary>
    /// <c>gate: manual</c>: the stage is left (advanced or completed) only once a person approves it, however long that
    /// takes; its hold, when it has one, must be served too. Default false.
    /// </summary>
    public bool ManualGate { get; init; }
}
