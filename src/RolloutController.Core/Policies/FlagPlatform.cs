namespace RolloutController.Policies;

/// <summary>The kind of flag platform a policy's <c>spec.flag.provider</c> drives; each has its own rules (<see cref="FlagPlatformRules"/>).</summary>
internal enum FlagPlatform
{
    /// <summary>This controller, serving the flag over OFREP.</summary>
    Builtin,

    /// <summary>An Unleash server, driven through its Admin API.</summary>
    Unleash,

    /// <summary>flagd, through the flag-definition file it watches.</summary>
    Flagd,

    /// <summary>LaunchDarkly, through its REST API (semantic patches).</summary>
    LaunchDarkly,
}
