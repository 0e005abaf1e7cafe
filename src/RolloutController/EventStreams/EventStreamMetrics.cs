using System.Diagnostics.Metrics;

namespace RolloutController.EventStreams;

/// <summary>One stream's instruments: connections by outcome, open connections, events written, fan-out time.</summary>
/// <param name="Connections">Counted with the tag <c>outcome</c>: opened, refused, closed, dropped_slow.</param>
/// <param name="Events">Change events written (keep-alive comments are not counted).</param>
/// <param name="Coalesced">Changes merged into one a connection had not been written yet (a slow client).</param>
/// <param name="FanOut">Seconds from a change's publication to its event written to every connection ready for it.</param>
/// <param name="AddOpen">One more (1) or one fewer (-1) connection open.</param>
/// <param name="Stream">The stream's name, the <c>stream</c> tag of <paramref name="FanOut"/>.</param>
internal sealed record EventStreamMetrics(
    Counter<long> Connections,
    Counter<long> Events,
    Counter<long> Coalesced,
    Histogram<double> FanOut,
    Action<int> AddOpen,
    string Stream);
