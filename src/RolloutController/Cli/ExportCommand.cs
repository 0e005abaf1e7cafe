using System.CommandLine;
using System.Text.Json;
using RolloutController.Api;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary>
/// <c>rolloutctl export --format flagd [--file PATH]</c>: the flag set a running controller serves now, in flagd's
/// flag-definition format (<c>GET /api/v1/export/{format}</c>), on stdout or into a file.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format", Required = true };
        format.AcceptOnlyFromAmong(FlagSetExportApi.Formats);
        var file = new Option<FileInfo?>("--file") { Description = "Write the document to this file (replaced whole) instead of stdout" };
        var (server, token) = (CommonOptions.Server(), CommonOptions.Token());
        var command = new Command("export", "The flag set the controller serves now (flags, rules, segments, prerequisites, weights, kill switches), as a flagd flag-definition document")
        {
            format, file, server, token,
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var (exit, document) = await client.GetAsync<JsonElement>($"api/v1/export/{parse.GetValue(format)}", ct);
            if (exit != ExitCodes.Ok) return exit;
            var text = document.GetRawText();
            if (parse.GetValue(file) is { } target)
            {
                // Written beside the target and renamed over it, so a reader (flagd watching the file) never sees half of it.
                var temporary = target.FullName + ".tmp";
                await File.WriteAllTextAsync(temporary, text + "\n", ct);
                File.Move(temporary, target.FullName, overwrite: true);
            }
            else stdout.Profile.Out.Writer.WriteLine(text);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
