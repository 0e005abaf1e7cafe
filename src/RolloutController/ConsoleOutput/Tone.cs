namespace RolloutController.ConsoleOutput;

/// <summary>What a piece of output means to the reader; a rich console colours it (<see cref="Tones"/>), a plain one does not.</summary>
internal enum Tone
{
    Plain,

    /// <summary>Done or healthy: completed, pass, delivered. Green.</summary>
    Good,

    /// <summary>Needs a look: paused, no data, inconclusive, pending, overdue. Yellow.</summary>
    Warning,

    /// <summary>Failed or stopped: rolled back, aborted, fail, error, abandoned. Red.</summary>
    Bad,

    /// <summary>Under way: observing. Blue.</summary>
    Active,

    /// <summary>Not started or secondary: pending rollouts, separators. Grey.</summary>
    Muted,

    /// <summary>Headings. Bold.</summary>
    Heading,
}
