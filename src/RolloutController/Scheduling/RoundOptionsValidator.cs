using Microsoft.Extensions.Options;

namespace RolloutController.Scheduling;

/// <summary>Lists every problem with <see cref="RoundOptions"/> at once, each with its key and value.</summary>
internal sealed class RoundOptionsValidator : IValidateOptions<RoundOptions>
{
    private static readonly TimeSpan MaxCheckInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, RoundOptions options)
    {
        var failures = new List<string>();
        const string at = RoundOptions.SectionName;
        if (options.MaxConcurrent is < 1 or > RoundOptions.MaxMaxConcurrent)
            failures.Add($"{at}:MaxConcurrent must be between 1 and {RoundOptions.MaxMaxConcurrent} (was '{options.MaxConcurrent}')");
        if (options.LatenessCheckInterval <= TimeSpan.Zero || options.LatenessCheckInterval > MaxCheckInterval)
            failures.Add($"{at}:LatenessCheckInterval must be greater than 0 and at most {MaxCheckInterval} (was '{options.LatenessCheckInterval}')");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
