namespace RolloutController.Cli;

/// <summary>Entry point of the rolloutctl command line.</summary>
internal static class RolloutCtl
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("rolloutctl: no command yet");
        return Task.FromResult(2);
    }
}
