namespace RolloutController.Flags.Platforms;

/// <summary>
/// What a person's adopt is decided on (<see cref="DriftAdoption"/>): the flag as its platform serves it, read just before,
/// and where the controller stands with it.
/// </summary>
/// <param name="Provider">The connection's name (<c>spec.flag.provider</c>).</param>
/// <param name="Observed">What the platform serves now, read for this command.</param>
/// <param name="DriftFound">The controller found the flag changed by hand and writes nothing to it until a person decides.</param>
/// <param name="Change">What was changed and by whom, as far as the platform says (the drift's detail); null when none was found.</param>
internal sealed record PlatformObservation(string Provider, PlatformFlagState Observed, bool DriftFound, string? Change);
