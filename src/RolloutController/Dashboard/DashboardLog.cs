using Microsoft.Extensions.Logging;

namespace RolloutController.Dashboard;

internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "Dashboard sign-in as '{Name}' ({Role})")]
    public static partial void SignedIn(ILogger logger, string name, string role);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning,
        Message = "Dashboard sign-in refused: the token is not one of RolloutController:Api:Tokens")]
    public static partial void SignInRefused(ILogger logger);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Warning,
        Message = "Dashboard form {Method} {Path} refused: missing or invalid form token (cross-site request, expired form or restarted controller)")]
    public static partial void FormRejected(ILogger logger, string method, string path);
}
