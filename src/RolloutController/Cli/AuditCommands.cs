using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RolloutController.Audit;
using RolloutController.ConsoleOutput;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl audit verify</c> and <c>rolloutctl audit export</c>: the hash-chained audit log (admin token).</summary>
internal static class AuditCommands
{
    private static readonly JsonSerializerOptions Lines = new(CliJson.Options) { WriteIndented = false };

    public static Command Create(IAnsiConsole stdout, TextWriter stderr) =>
        new("audit", "The audit log of every change: verify its hash chain, export it as JSON lines") { Verify(stdout, stderr), Export(stdout, stderr) };

    private static Command Verify(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var command = new Command("verify", "Check every entry's hash and link; name the first broken link (exit 1)") { server, token, output };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var (exit, result) = await client.GetAsync<AuditVerification>("api/v1/audit/verify", ct);
            if (exit != ExitCodes.Ok) return exit;
            if (parse.GetValue(output) == "json") OperatorCommands.Json(stdout, result);
            else if (result!.Intact)
                ConsoleLine.WriteVerbatim(stdout, $"intact: {result.Entries} entries; last entry {result.LastIntact}, hash {result.HeadHash}");
            else
                ConsoleLine.WriteVerbatim(stdout, $"BROKEN at entry {result.BrokenAt}: {result.Problem}\n" +
                    $"entries 1 to {result.LastIntact} are intact (hash {result.HeadHash})");
            return result!.Intact ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Export(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token) = (CommonOptions.Server(), CommonOptions.Token());
        var since = new Option<string?>("--since") { Description = "Only entries from this time on (ISO 8601, e.g. 2026-12-01 or 2026-12-01T08:00:00Z); default all" };
        var file = new Option<string?>("--file", "-f") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Write audit entries, oldest first, one JSON object per line (for a SIEM)") { server, token, since, file };
        command.SetAction((parse, ct) =>
        {
            var from = parse.GetValue(since);
            if (from is not null && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                stderr.WriteLine($"error: --since must be an ISO 8601 date or time such as 2026-12-01T08:00:00Z, got '{from}'");
                return Task.FromResult(ExitCodes.Usage);
            }
            return ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
            {
                var path = parse.GetValue(file);
                await using var writer = path is null ? null : new StreamWriter(path, append: false);
                long after = 0;
                var written = 0;
                while (true)
                {
                    var query = $"api/v1/audit?after={after}" + (from is null ? "" : $"&since={Uri.EscapeDataString(from)}");
                    var (exit, page) = await client.GetAsync<AuditPage>(query, ct);
                    if (exit != ExitCodes.Ok) return exit;
                    foreach (var entry in page!.Entries)
                    {
                        var line = JsonSerializer.Serialize(entry, Lines);
                        if (writer is null) ConsoleLine.WriteVerbatim(stdout, line);
                        else await writer.WriteLineAsync(line.AsMemory(), ct);
                        written++;
                    }
                    if (page.Next is not { } next) break;
                    after = next;
                }
                if (path is not null) await stderr.WriteLineAsync($"{written} audit entries written to {path}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
