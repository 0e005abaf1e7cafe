namespace RolloutController.Store;

/// <summary>
/// A save was not confirmed in the time its caller allowed. <see cref="MayHaveApplied"/> false: it was withdrawn before
/// the store began it, so nothing was written. True: the store had begun it and may still commit it.
/// </summary>
internal sealed class StoreTimeoutException(bool mayHaveApplied)
    : StoreException(mayHaveApplied
        ? "the store did not confirm the write in time; it may still be applied"
        : "the store did not take the write in time; it was withdrawn and nothing was written")
{
    public bool MayHaveApplied { get; } = mayHaveApplied;
}
