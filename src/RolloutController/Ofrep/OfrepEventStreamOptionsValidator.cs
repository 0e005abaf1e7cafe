using Microsoft.Extensions.Options;

namespace RolloutController.Ofrep;

/// <summary>Lists every problem with <see cref="OfrepEventStreamOptions"/> at once, each with its key and value.</summary>
internal sealed class OfrepEventStreamOptionsValidator : IValidateOptions<OfrepEventStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, OfrepEventStreamOptions options)
    {
        var failures = new List<string>();
        const string at = OfrepEventStreamOptions.SectionName;
        if (options.MaxConnections is < 1 or > 1_000_000)
            failures.Add($"{at}:MaxConnections must be between 1 and 1000000 (was '{options.MaxConnections}')");
        Range(failures, "Heartbeat", options.Heartbeat, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Range(failures, "WriteTimeout", options.WriteTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(failures, "InactivityDelay", options.InactivityDelay, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (options.InactivityDelay.Ticks % TimeSpan.TicksPerSecond != 0)
            failures.Add($"{at}:InactivityDelay must be whole seconds (was '{options.InactivityDelay}')");
        Range(failures, "ReconnectDelay", options.ReconnectDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
            failures.Add($"{OfrepEventStreamOptions.SectionName}:{key} must be between {min} and {max} (was '{value}')");
    }
}
