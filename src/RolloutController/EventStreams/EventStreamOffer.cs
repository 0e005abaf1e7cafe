namespace RolloutController.EventStreams;

/// <summary>What became of a change offered to one connection.</summary>
internal enum EventStreamOffer
{
    /// <summary>Written and taken by the client at once.</summary>
    Written,

    /// <summary>Waits for the write in flight (or is being written asynchronously).</summary>
    Pending,

    /// <summary>Merged into a change that was already waiting (the client is slow).</summary>
    Merged,

    /// <summary>Nothing to write: the client has it, or the connection is over.</summary>
    Skipped,
}
