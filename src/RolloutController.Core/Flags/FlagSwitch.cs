namespace RolloutController.Flags;

/// <summary>
/// A person's kill switch on one flag (<c>rolloutctl flag off|on</c>), as served and stored: while <see cref="Off"/>, the
/// flag serves its default variant to every context (reason <c>DISABLED</c>). The rules: <see cref="KillSwitchRule"/>.
/// </summary>
/// <param name="Actor">Who switched it (the API token's name).</param>
/// <param name="Reason">Why, as given with the command.</param>
/// <param name="At">When it was switched.</param>
/// <param name="Version">Grows by one with every switch of this flag: the store's check against lost updates, and how
/// replicas tell a newer switch from an older one.</param>
internal sealed record FlagSwitch(string FlagKey, bool Off, string Actor, string Reason, DateTimeOffset At, long Version);
