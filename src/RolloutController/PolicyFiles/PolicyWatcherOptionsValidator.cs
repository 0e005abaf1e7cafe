using Microsoft.Extensions.Options;
using RolloutController.Policies;

namespace RolloutController.PolicyFiles;

/// <summary>Checks <see cref="PolicyWatcherOptions"/> at startup, listing every problem with the field and its value.</summary>
internal sealed class PolicyWatcherOptionsValidator : IValidateOptions<PolicyWatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyWatcherOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
            failures.Add($"{nameof(options.Directory)}: a policy directory is required, got '{options.Directory}'");
        if (options.Debounce <= TimeSpan.Zero || options.Debounce > TimeSpan.FromMinutes(1))
            failures.Add($"{nameof(options.Debounce)}: must be more than 0 and at most 1 minute, got {options.Debounce}");
        if (options.RescanInterval < TimeSpan.FromSeconds(1))
            failures.Add($"{nameof(options.RescanInterval)}: must be at least 1 second, got {options.RescanInterval}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
