using RolloutController.Flags;

namespace RolloutController.Api;

/// <summary>A flag's kill switch while it is off, as the API and <c>rolloutctl status</c> show it.</summary>
/// <param name="Actor">Who switched it off.</param>
/// <param name="Reason">Why.</param>
/// <param name="At">Since when it is off.</param>
internal sealed record SwitchView(string Actor, string Reason, DateTimeOffset At)
{
    /// <summary>The view of <paramref name="flagSwitch"/> when it is off; null when the flag is on or was never switched.</summary>
    public static SwitchView? Of(FlagSwitch? flagSwitch) =>
        KillSwitchRule.IsOff(flagSwitch) ? new SwitchView(flagSwitch!.Actor, flagSwitch.Reason, flagSwitch.At) : null;
}
