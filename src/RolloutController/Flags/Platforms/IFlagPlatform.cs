namespace RolloutController.Flags.Platforms;

/// <summary>
/// One flag platform connection (Unleash, ...): reads a flag as the platform serves it and writes what a rollout wants.
/// Failures are outcomes (<see cref="PlatformCall{T}"/>), never exceptions; every call has its own timeout.
/// </summary>
internal interface IFlagPlatform
{
    /// <summary>The connection's name, as policies name it in <c>spec.flag.provider</c>.</summary>
    string Name { get; }

    /// <summary>What the platform serves for <paramref name="flagKey"/> now.</summary>
    Task<PlatformCall<PlatformFlagState>> ReadAsync(string flagKey, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the platform serve <paramref name="desired"/>, from <paramref name="observed"/> (read just before), writing as
    /// little as it can; the caller reads back to confirm. <paramref name="reason"/> says why (<see cref="PlatformWriteReason"/>),
    /// for a platform that records a comment with each change; one without a place for it ignores it.
    /// </summary>
    Task<PlatformCall<bool>> WriteAsync(string flagKey, PlatformFlagState desired, PlatformFlagState observed, string reason,
        CancellationToken cancellationToken);

    /// <summary>The last change to the flag the platform recorded (who and what), for a drift notice; null when it cannot say.</summary>
    Task<string?> LastChangeAsync(string flagKey, CancellationToken cancellationToken);
}
