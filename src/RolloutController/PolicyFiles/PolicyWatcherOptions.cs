using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>Where policies are read from and how changes are picked up.</summary>
internal sealed class PolicyWatcherOptions
{
    /// <summary>Directory searched recursively for <c>*.yaml</c>/<c>*.yml</c> policy files. Required.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Quiet time after the last file change before reloading, so an editor's save burst loads once. Default 500 ms.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Full rescan period, for changes file watching misses (network mounts, ConfigMap symlink swaps). Default 30 s.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(30);
}
