namespace RolloutController.Analysis;

/// <summary>What a measurement judged.</summary>
internal enum MeasurementKind
{
    /// <summary>One of the policy's guardrails (or one segment of it).</summary>
    Guardrail,

    /// <summary>
    /// The sample-ratio check: whether the cohorts are the sizes the weight says. It does not count as an inconclusive
    /// guardrail, and a mismatch pauses rather than rolls back.
    /// </summary>
    SampleRatio,

    /// <summary>
    /// The flag platform's reading (<see cref="Flags.Platforms.PlatformReading"/>): whether it serves what was applied. An
    /// error counts toward the error limit like a failed query; drift pauses; anything but a pass keeps the gate closed.
    /// </summary>
    FlagPlatform,
}
