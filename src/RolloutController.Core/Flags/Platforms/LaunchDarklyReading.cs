namespace RolloutController.Flags.Platforms;

/// <summary>One environment of a LaunchDarkly flag as read (<see cref="LaunchDarklyRolloutFlag.Read"/>): what it serves, and the ids a patch names.</summary>
/// <param name="State">What it serves, in the controller's terms.</param>
/// <param name="OnVariationId">The <c>_id</c> of the flag's <c>true</c> variation.</param>
/// <param name="OffVariationId">The <c>_id</c> of the flag's <c>false</c> variation.</param>
/// <param name="OwnRuleIds">The targeting rules that read as the controller's exclusion rules, in their order.</param>
/// <param name="FirstOtherRuleId">The first targeting rule that is not one of them (exclusion rules go before it); null when none.</param>
/// <param name="Version">The flag's <c>_version</c>, for messages.</param>
internal sealed record LaunchDarklyReading(
    PlatformFlagState State, string OnVariationId, string OffVariationId, IReadOnlyList<string> OwnRuleIds, string? FirstOtherRuleId, long? Version);
