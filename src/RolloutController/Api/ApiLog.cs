using Microsoft.Extensions.Logging;

namespace RolloutController.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning,
        Message = "API token '{Name}' ({Key}) has no roles: every change is refused to it, and every read when reads need a token. Give it Roles: [\"viewer\"] or [\"operator\"]")]
    public static partial void TokenWithoutRoles(ILogger logger, string name, string key);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "API request {Method} {Path} refused with 401 ({Why}); it needs a token with the '{Role}' role")]
    public static partial void Unauthenticated(ILogger logger, string method, string path, string why, string role);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "API request {Method} {Path} refused with 403: token '{Name}' lacks the '{Role}' role")]
    public static partial void Forbidden(ILogger logger, string method, string path, string name, string role);
}
