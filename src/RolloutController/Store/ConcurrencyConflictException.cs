namespace RolloutController.Store;

/// <summary>Another writer changed the rollout since it was read; reload and decide again.</summary>
internal sealed class ConcurrencyConflictException(string flagKey, long expectedVersion)
    : StoreException($"rollout '{flagKey}' was changed by another writer (expected version {expectedVersion})")
{
    public string FlagKey { get; } = flagKey;
    public long ExpectedVersion { get; } = expectedVersion;
}
