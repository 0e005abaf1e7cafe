using RolloutController.Flags;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>A kill switch to store in one transaction with its history entry and the notices it raises.</summary>
/// <param name="Switch">Stored only if the flag's stored switch still has version <c>Switch.Version - 1</c> (none stored counts as 0).</param>
internal sealed record FlagSwitchWrite(FlagSwitch Switch, Transition Record, IReadOnlyList<OutboxDelivery> Outbox);
