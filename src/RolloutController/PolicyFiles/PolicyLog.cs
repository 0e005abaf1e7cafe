using Microsoft.Extensions.Logging;
using RolloutController.Policies;

namespace RolloutController.PolicyFiles;

/// <summary>Log messages of policy loading and watching.</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Policies reloaded from {Directory}: {Policies} in force, {InvalidFiles} invalid files")]
    public static partial void PoliciesChanged(ILogger logger, string directory, int policies, int invalidFiles);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Policies rescanned in {Directory}: no change ({Policies} in force)")]
    public static partial void PoliciesUnchanged(ILogger logger, string directory, int policies);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Policy file {File} is invalid; its previous valid version, if any, stays in force:\n{Errors}")]
    public static partial void PolicyFileInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Policy file {File} is valid again")]
    public static partial void PolicyFileFixed(ILogger logger, string file);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for changes; relying on rescans every {RescanInterval}")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string directory, TimeSpan rescanInterval);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Policy reload from {Directory} failed; the policies in force are kept")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, string directory);
}
