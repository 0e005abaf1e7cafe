using Microsoft.Extensions.Logging;

namespace RolloutController.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning,
        Message = "API token '{Name}' ({Key}) has no roles: every change is refused to it, and every read when reads need a token. Give it Roles: [\"viewer\"] or [\"operator\"]")]
    public static partial void TokenWithoutRoles(ILogger logger, string name, string key);
}
