using System.CommandLine;
using System.Text.Json;
using RolloutController.Api;
using RolloutController.ConsoleOutput;
using RolloutController.Store;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl notices</c> (the notification outbox) and <c>rolloutctl notices retry</c>.</summary>
internal static class NoticeCommands
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var status = new Option<string?>("--status") { Description = $"{string.Join(", ", OutboxStatus.All)} (default: all)" };
        status.AcceptOnlyFromAmong(OutboxStatus.All);
        var flag = new Option<string?>("--flag") { Description = "Only notices about this flag" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (1–1000)", DefaultValueFactory = _ => 100 };
        var command = new Command("notices", "Notification deliveries in the outbox, newest first; exit 1 when any was abandoned")
        {
            server, token, output, status, flag, limit, Retry(stdout, stderr),
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var query = new List<string> { $"limit={parse.GetValue(limit)}" };
            if (parse.GetValue(status) is { } s) query.Add($"status={s}");
            if (parse.GetValue(flag) is { } f) query.Add($"flag={Uri.EscapeDataString(f)}");
            var (exit, notices) = await client.GetAsync<List<NoticeView>>($"api/v1/notices?{string.Join('&', query)}", ct);
            if (exit != ExitCodes.Ok) return exit;
            if (parse.GetValue(output) == "json") OperatorCommands.Json(stdout, notices);
            else if (notices!.Count == 0) stdout.WriteLine("No notices.");
            else
                ConsoleTable.Write(stdout, ["CREATED", "FLAG", "KIND", "ROUTE", "CHANNEL", "STATUS", "ATTEMPTS", "LAST ERROR", "ID"],
                    notices.Select(n => (IReadOnlyList<Cell>)
                    [
                        ConsoleText.Time(n.CreatedAt), n.Flag, n.Kind, n.Route, n.Channel, new(n.Status, Tones.Delivery(n.Status)),
                        $"{n.Attempts}/{n.AttemptsAllowed}", n.LastError ?? "", n.Id,
                    ]));
            return notices!.Any(n => n.Status == "abandoned") ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Retry(IAnsiConsole stdout, TextWriter stderr)
    {
        var reason = new Option<string>("--reason", "-r") { Description = "Why (logged with your token's name)", Required = true };
        var (server, token) = (CommonOptions.Server(), CommonOptions.Token());
        var command = new Command("retry", "Send every abandoned notice again (same notification id), with MaxAttempts more attempts")
        {
            reason, server, token,
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var (exit, result) = await client.PostAsync<JsonElement>("api/v1/notices/retry", new CommandRequest(parse.GetValue(reason)), ct);
            if (exit != ExitCodes.Ok) return exit;
            stdout.WriteLine($"{result.GetProperty("retried").GetInt32()} abandoned notice deliveries are pending again");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
