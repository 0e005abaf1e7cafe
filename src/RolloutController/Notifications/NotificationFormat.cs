using System.Globalization;
using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>Culture-independent text for numbers, weights, times and enum values in notifications.</summary>
internal static class NotificationFormat
{
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>"10%", "0.5%".</summary>
    public static string Weight(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>ISO 8601 in UTC, second precision: "2026-11-01T10:04:00Z".</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"rolled_back", "warning": the stable snake_case spelling used in payloads.</summary>
    public static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>"rolled back", "segment excluded": a notice's kind in words.</summary>
    public static string KindText(NoticeKind kind) => Snake(kind).Replace('_', ' ');

    public static string SeverityEmoji(NoticeSeverity severity) => severity switch
    {
        NoticeSeverity.Critical => ":rotating_light:",
        NoticeSeverity.Warning => ":warning:",
        _ => ":information_source:",
    };
}
