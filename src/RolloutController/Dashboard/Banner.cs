using RolloutController.Api;
using RolloutController.Rollouts;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>The message above a page after an action: what was done, or why nothing was. Pure.</summary>
internal static class Banner
{
    public static string Done(string text) => $"<div class=\"notice\" role=\"status\" id=\"action-result\">{E(text)}</div>";

    public static string Warning(string text) => $"<div class=\"warning\" role=\"alert\" id=\"action-result\">{E(text)}</div>";

    public static string Error(string text) => $"<div class=\"error\" role=\"alert\" id=\"action-result\">{E(text)}</div>";

    /// <summary>The banner and status code for what became of <paramref name="command"/>, as the API answers it.</summary>
    public static (string Html, int Status) Of(RolloutCommand command, RolloutCommandRun run)
    {
        var verb = command.ToString().ToLowerInvariant();
        return run.Kind switch
        {
            RolloutCommandResult.Done => (Done($"Done: {verb}, recorded in the history with your name and reason."), StatusCodes.Status200OK),
            RolloutCommandResult.NotStored => (Warning($"Applied ({verb}) and served, not stored yet: {run.Note}"), StatusCodes.Status202Accepted),
            RolloutCommandResult.Unavailable => (Error($"The store did not answer: {run.Error}"), StatusCodes.Status503ServiceUnavailable),
            RolloutCommandResult.Conflict => (Error($"Another change got there first: {run.Error}"), StatusCodes.Status409Conflict),
            RolloutCommandResult.PlatformUnavailable => (Error($"The flag's platform did not answer: {run.Error}"), StatusCodes.Status503ServiceUnavailable),
            _ => (Error($"Refused, nothing was changed: {run.Error}"), StatusCodes.Status409Conflict),
        };
    }
}
