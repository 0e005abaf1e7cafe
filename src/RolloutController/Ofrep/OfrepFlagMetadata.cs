namespace RolloutController.Ofrep;

/// <summary>OFREP <c>metadata</c> of a served flag; every value is a JSON string or number as the spec requires.</summary>
/// <param name="Weight">Percentage of targeting keys served true (0–100, three decimals).</param>
/// <param name="Phase">Rollout phase name, e.g. <c>Observing</c>.</param>
/// <param name="Stage">The policy stage the rollout is at, counted from 1 as in the API, rolloutctl and notifications.</param>
/// <param name="Policy">Name of the rollout policy that drives the flag.</param>
internal readonly record struct OfrepFlagMetadata(decimal Weight, string Phase, int Stage, string Policy);
