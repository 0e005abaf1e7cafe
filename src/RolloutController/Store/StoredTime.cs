namespace RolloutController.Store;

/// <summary>
/// Times are stored in UTC with microsecond precision, the finest PostgreSQL keeps; SQLite is held to the same
/// precision so that both stores return exactly the same values.
/// </summary>
internal static class StoredTime
{
    public static DateTimeOffset Normalize(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    public static DateTimeOffset? Normalize(DateTimeOffset? time) => time is { } value ? Normalize(value) : null;
}
