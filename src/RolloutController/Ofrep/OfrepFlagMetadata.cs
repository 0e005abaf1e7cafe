namespace RolloutController.Ofrep;

/// <summary>
/// OFREP <c>metadata</c> of a served flag; every value is a JSON string or number as the spec requires, and absent
/// members are not written.
/// </summary>
/// <param name="Type">What the flag is for: release, experiment, ops or permission.</param>
/// <param name="Owner">Team or person accountable for it (absent when not declared).</param>
/// <param name="Layer">app or infra.</param>
/// <param name="Weight">Percentage of targeting keys in the rollout's share (0–100, three decimals); absent without a rollout.</param>
/// <param name="Phase">Rollout phase name, e.g. <c>Observing</c>; absent without a rollout.</param>
/// <param name="Stage">The policy stage the rollout is at, counted from 1 as in the API, rolloutctl and notifications.</param>
/// <param name="Policy">Name of the rollout policy that drives the flag.</param>
/// <param name="SwitchedOff"><c>true</c> while a person has the flag switched off (kill switch); absent otherwise.</param>
/// <param name="SwitchedOffBy">Who switched it off; absent unless switched off.</param>
/// <param name="SwitchReason">Why it was switched off; absent unless switched off.</param>
internal sealed record OfrepFlagMetadata(
    string Type, string? Owner, string Layer, decimal? Weight, string? Phase, int? Stage, string? Policy,
    bool? SwitchedOff = null, string? SwitchedOffBy = null, string? SwitchReason = null);
