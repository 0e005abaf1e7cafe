using Microsoft.Extensions.Options;
using RolloutController.Notifications;

namespace RolloutController.Hosting;

/// <summary>Checks the top-level <see cref="ControllerOptions"/> that are bound as options (<c>ExternalUrl</c>).</summary>
internal sealed class ControllerOptionsValidator : IValidateOptions<ControllerOptions>
{
    public ValidateOptionsResult Validate(string? name, ControllerOptions options) =>
        options.ExternalUrl is null || NotificationOptionsValidator.IsHttpUrl(options.ExternalUrl)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ControllerOptions.Section}:ExternalUrl must be an absolute http(s) URL (got '{options.ExternalUrl}')");
}
