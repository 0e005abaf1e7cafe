using RolloutController.Flags.Changes;

namespace RolloutController.EventStreams;

/// <summary>How one stream writes a change: the event's bytes, and the id a client already told of it carries.</summary>
internal abstract class EventStreamFormat
{
    /// <summary>The change as one complete SSE event (ending in a blank line), UTF-8. Called once per change for all
    /// connections, and once more for a connection that was sent a merge of several.</summary>
    public abstract byte[] Event(FlagChange change);

    /// <summary>The id that makes a change redundant for a client that has it (written nothing when equal to what it
    /// was told last); null when every change is written.</summary>
    public virtual string? Id(FlagChange change) => null;
}
