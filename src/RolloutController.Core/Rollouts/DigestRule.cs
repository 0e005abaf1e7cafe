using System.Security.Cryptography;
using System.Text;

namespace RolloutController.Rollouts;

/// <summary>
/// The one home of the quiet rule: on a route with a digest period, info-level advances are not sent one by one but held
/// and sent together, one digest per period and route. Warnings and critical notices are never held, whatever the route
/// says: they go out at once.
/// </summary>
/// <remarks>
/// Periods are aligned to the Unix epoch (an hourly digest covers 10:00–11:00), so every replica puts a notice in the same
/// period. A digest is made <see cref="Grace"/> after its period ends, so a notice raised just before the end but stored a
/// moment later still makes it in.
/// </remarks>
internal static class DigestRule
{
    /// <summary>How long after a period ends its digest is made.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>Whether a notice waits for its route's digest: an info advance, on a route with a period.</summary>
    public static bool Holds(NoticeKind kind, NoticeSeverity severity, TimeSpan? period) =>
        period is { } p && p > TimeSpan.Zero && kind == NoticeKind.Advanced && severity == NoticeSeverity.Info;

    /// <summary>Start of the period <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset PeriodStart(DateTimeOffset at, TimeSpan period)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - ticks % period.Ticks);
    }

    /// <summary>When the digest holding a notice raised at <paramref name="at"/> is made: its period's end plus <see cref="Grace"/>.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset at, TimeSpan period) => PeriodStart(at, period) + period + Grace;

    /// <summary>
    /// The digest's notification id, from its route, period and the notices in it: the same whichever replica makes it
    /// and however often (a crash before the held notices were marked makes it again under the same id, which the outbox
    /// stores once); a notice stored after its period's digest was made goes into a digest of its own.
    /// </summary>
    public static string Id(string route, DateTimeOffset periodStart, IEnumerable<string> noticeIds)
    {
        var text = $"{route.ToLowerInvariant()}\n{periodStart.UtcTicks}\n{string.Join("\n", noticeIds.Order(StringComparer.Ordinal))}";
        return "digest-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }
}
