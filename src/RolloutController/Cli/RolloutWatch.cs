using RolloutController.ConsoleOutput;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RolloutController.Cli;

/// <summary>
/// Reads one rollout every <c>every</c> and shows it (<see cref="WatchView"/>): in place with a live display on a rich
/// console, as one snapshot after another on a plain one. Ends when the rollout completes (<see cref="ExitCodes.Ok"/>),
/// rolls back or is aborted (<see cref="ExitCodes.Failed"/>), a read fails (that read's exit code; the error is on
/// stderr), or on Ctrl+C (<see cref="ExitCodes.Interrupted"/>). The last line says how the rollout stands.
/// </summary>
internal sealed class RolloutWatch(ControllerClient client, string flag, TimeSpan every, IAnsiConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var (exit, last) = Consoles.IsRich(console) ? await LiveAsync(ct) : await WatchAsync(Print, ct);
        if (last is null) return exit;
        var r = last.Detail.Rollout;
        console.Write(exit == ExitCodes.Interrupted ? RolloutText.Outcome(r, "Stopped watching; ") : RolloutText.Outcome(r));
        return exit;
    }

    private void Print(IRenderable snapshot)
    {
        console.Write(snapshot);
        console.WriteLine();
    }

    private async Task<(int Exit, RolloutSnapshot? Last)> LiveAsync(CancellationToken ct)
    {
        (int, RolloutSnapshot?) result = default;
        await console.Live(new Text($"Reading {flag}…")).AutoClear(false).StartAsync(async live =>
        {
            result = await WatchAsync(view =>
            {
                live.UpdateTarget(new Rows(view, ConsoleLine.Of(new Cell($"every {ConsoleText.Duration(every)}; Ctrl+C to stop", Tone.Muted))));
                live.Refresh();
            }, ct);
        });
        return result;
    }

    private async Task<(int Exit, RolloutSnapshot? Last)> WatchAsync(Action<IRenderable> show, CancellationToken ct)
    {
        RolloutSnapshot? last = null;
        try
        {
            while (true)
            {
                var (exit, snapshot) = await client.GetRolloutAsync(flag, ct);
                if (exit != ExitCodes.Ok) return (exit, exit == ExitCodes.Interrupted ? last : null);
                last = snapshot!;
                show(WatchView.Render(console, last, time.GetUtcNow()));
                if (last.HasEnded) return (last.Detail.Rollout.Phase == "Completed" ? ExitCodes.Ok : ExitCodes.Failed, last);
                await Task.Delay(every, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (ExitCodes.Interrupted, last);
        }
    }
}
