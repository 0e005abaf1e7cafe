using System.Globalization;
using Microsoft.Extensions.Options;

namespace RolloutController.Calendar;

/// <summary>Lists every problem with the freeze calendar at once, each with its key and value.</summary>
internal sealed class ReleaseCalendarOptionsValidator : IValidateOptions<ReleaseCalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseCalendarOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Freezes.Count; i++)
            Check(options.Freezes[i], $"{ReleaseCalendarOptions.SectionName}:Freezes:{i}", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The freeze as the calendar uses it, or null and the reasons added to <paramref name="failures"/>.</summary>
    public static FreezePeriod? Check(FreezeOptions freeze, string at, List<string> failures)
    {
        var before = failures.Count;
        var from = Date(freeze.From, $"{at}:From", failures);
        var to = Date(freeze.To, $"{at}:To", failures);
        if (from is { } f && to is { } t && t < f)
            failures.Add($"{at}:To must be on or after From ({f:yyyy-MM-dd}) (was '{t:yyyy-MM-dd}')");
        if (string.IsNullOrWhiteSpace(freeze.Reason))
            failures.Add($"{at}:Reason is required: it is shown with every rollout the freeze holds");
        var zone = ReleaseWindowParser.TryZone(freeze.TimeZone, out var error);
        if (zone is null) failures.Add($"{at}:TimeZone: {error}");
        return failures.Count > before ? null : new FreezePeriod(from!.Value, to!.Value, freeze.Reason!.Trim(), zone!);
    }

    private static DateOnly? Date(string? text, string key, List<string> failures)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        failures.Add(text is null ? $"{key} is required (YYYY-MM-DD)" : $"{key} must be a date written YYYY-MM-DD (was '{text}')");
        return null;
    }
}
