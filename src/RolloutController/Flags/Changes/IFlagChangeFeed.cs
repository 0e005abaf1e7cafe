namespace RolloutController.Flags.Changes;

/// <summary>
/// Tells in-process subscribers — OFREP's event stream, a dashboard — that what this replica serves changed: a rollout
/// moved, a flag was switched off, a policy reload changed a Flag or Segment document, or another replica's change
/// arrived. Publishing never waits for a subscriber: a subscriber that has not taken its last change yet gets the new one
/// merged into it (<see cref="FlagChange.Changes"/> counts how many), so a slow reader costs one pending change, never
/// a queue. See docs/push.md.
/// </summary>
internal interface IFlagChangeFeed
{
    /// <summary>The last change published (sequence 0, no flags, before the first one).</summary>
    FlagChange Latest { get; }

    /// <summary>Subscriptions open now.</summary>
    int Subscribers { get; }

    /// <summary>
    /// Starts receiving every change published from now on; dispose the subscription to stop. Read
    /// <see cref="Latest"/> after subscribing to know where the stream starts without missing a change in between.
    /// </summary>
    FlagChangeSubscription Subscribe();
}
