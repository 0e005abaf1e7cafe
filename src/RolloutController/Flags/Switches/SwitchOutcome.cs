namespace RolloutController.Flags.Switches;

/// <summary>
/// What a kill switch command did: the switch in force after it, or why nothing changed. A switch-off served but not
/// stored yet has <see cref="Stored"/> false and says so in <see cref="Note"/>.
/// </summary>
/// <param name="Status">The HTTP status the API answers with: 200, 202 (served, not stored yet), 404, 409, 503.</param>
/// <param name="RolloutNote">What happened to the flag's rollout (paused, or why not); null when it has none to change.</param>
internal sealed record SwitchOutcome(FlagSwitch? Switch, int Status, string? Error, bool Stored = true, string? Note = null, string? RolloutNote = null)
{
    public static SwitchOutcome NotFound(string flag) =>
        new(null, 404, $"no Flag document or policy in force declares flag '{flag}'");

    public static SwitchOutcome Refused(string error) => new(null, 409, error);

    public static SwitchOutcome Unavailable(string error) => new(null, 503, error);
}
