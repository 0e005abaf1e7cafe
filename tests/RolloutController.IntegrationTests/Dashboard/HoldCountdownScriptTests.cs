using System.Text;
using System.Text.Json;
using RolloutController.Dashboard;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>
/// The page's script (<c>Assets/countdown.js</c>, as embedded and served) writes a hold countdown exactly as the server
/// renders it first (<see cref="HoldCountdown"/>), so the text never changes form on a tick. Runs the script's function
/// in Node for every whole second up to two days and a table of edge values.
/// </summary>
public sealed class HoldCountdownScriptTests
{
    // Reads {"script": ..., "seconds": [...]} on standard input, loads the script into a context of its own (no page: its
    // timer is a no-op) and writes the text of every value as a JSON array.
    private const string Runner = """
        const vm = require("vm"), fs = require("fs");
        const input = JSON.parse(fs.readFileSync(0, "utf8"));
        const page = { setInterval: function () { return 0; } };
        vm.createContext(page);
        vm.runInContext(input.script, page);
        process.stdout.write(JSON.stringify(input.seconds.map(function (s) { return page.holdCountdownText(s); })));
        """;

    [Fact]
    public async Task The_script_writes_the_same_text_as_the_server_for_every_second_and_the_edge_values()
    {
        double[] edges = [-3, 0.2, 0.5, 59.5, 3_599.01, 86_399.999, 1_209_600, 31_536_000];
        var seconds = Enumerable.Range(0, 2 * 86_400 + 1).Select(s => (double)s).Concat(edges).ToList();

        var texts = await ScriptTextsAsync(Encoding.UTF8.GetString(DashboardAssets.Read("countdown.js")), seconds);

        texts.Count.ShouldBe(seconds.Count);
        var differ = seconds.Select((s, i) => $"{s}: script '{texts[i]}', server '{HoldCountdown.Text(s)}'")
            .Where((_, i) => texts[i] != HoldCountdown.Text(seconds[i])).Take(10).ToList();
        differ.ShouldBeEmpty("seconds left: the script's text against the server's");
        texts[5_400].ShouldBe("1h30m", "the script ran (a text of its own, not an echo)");
    }

    private static async Task<List<string>> ScriptTextsAsync(string script, IReadOnlyList<double> seconds) =>
        JsonSerializer.Deserialize<List<string>>(await NodeTestRun.EvalAsync(Runner, JsonSerializer.Serialize(new { script, seconds })))!;
}
