namespace RolloutController.Flags.Platforms;

/// <summary>
/// One named connection to a flag platform (<c>RolloutController:FlagPlatforms:{name}</c>), e.g. <c>unleash-prod</c>; a
/// policy drives its flag there with <c>spec.flag.provider: unleash-prod</c>.
/// </summary>
internal sealed class FlagPlatformConnection
{
    /// <summary>One of <see cref="FlagPlatformOptionsValidator.Types"/>. Anything else is a validation error.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// The platform's base URL, absolute http(s), e.g. <c>https://unleash.example.com</c>. Required, except for LaunchDarkly,
    /// where it defaults to <c>https://app.launchdarkly.com</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// Name of the environment variable holding the API token (the token itself is never configured). For Unleash an admin
    /// token (or a personal access token) allowed to change the project's flags; for LaunchDarkly an API access token with
    /// a role that may update the project's flags in the environment (and read its audit log).
    /// </summary>
    public string? TokenEnv { get; set; }

    /// <summary>The platform's project holding the flags. Default <c>default</c>.</summary>
    public string Project { get; set; } = "default";

    /// <summary>The platform's environment the rollout drives, e.g. <c>production</c>. Required.</summary>
    public string? Environment { get; set; }

    /// <summary>
    /// flagd only, and required there: the absolute path of the flag-definition file flagd watches (<c>--uri file:…</c>). The
    /// controller writes its flags' entries into it and keeps every other entry.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Time allowed for one request to the platform (flagd: one write of the file). Default 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each flag is read back from the platform, to confirm what was applied and to notice changes made by hand.
    /// At least 1 second. Default 10 seconds (and at least once per round: every round reads the latest reading).
    /// </summary>
    public TimeSpan ReadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before retrying a failed write or read; doubled per failure up to <see cref="MaxBackoff"/>. Default 1 second.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries, a platform's <c>Retry-After</c> included. Default 30 seconds.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after a change the services' SDKs may still serve the previous state (their polling interval): the
    /// sample-ratio check leaves this much of each stage's start out of its counts (<c>docs/backends.md</c>). 0 to 1 hour.
    /// Default: Unleash 15 seconds (its SDKs' default <c>refreshInterval</c>), LaunchDarkly and flagd 0 (streaming SDKs;
    /// flagd watches its file).
    /// </summary>
    public TimeSpan? SdkRefresh { get; set; }

    /// <summary><see cref="SdkRefresh"/>, or the platform type's default.</summary>
    public TimeSpan SdkRefreshOrDefault => SdkRefresh ?? (Type == Unleash.UnleashPlatform.PlatformType ? TimeSpan.FromSeconds(15) : TimeSpan.Zero);
}
