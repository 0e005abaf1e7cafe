namespace RolloutController.Api;

internal static partial class AccessLog
{
    [LoggerMessage(EventId = 5600, Level = LogLevel.Warning,
        Message = "API request {Method} {Path} refused with 403: '{Name}' may not {Action} {Subject}; it needs the '{Role}' role for {Scope} and holds {Holds}")]
    public static partial void Refused(ILogger logger, string method, string path, string name, string action, string subject, string role, string scope, string holds);
}
