namespace RolloutController.EventStreams;

/// <summary>A stream's first bytes for one client.</summary>
/// <param name="Bytes">What is written first (a <c>retry:</c> field, and an event when the client is behind).</param>
/// <param name="IsEvent">The bytes hold an event (counted as one).</param>
/// <param name="Told">The id the client has once it read them: changes with this id are not written to it again.</param>
internal sealed record EventStreamGreeting(byte[] Bytes, bool IsEvent, string? Told);
