using System.Net;

namespace RolloutController.Cli;

/// <summary>
/// rolloutctl's exit codes (documented in docs/operations.md), shared with rolloutctl-fast (linked into
/// <c>src/RolloutController.FastCli</c>, so both tell a script the same).
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>watch</c>, the rollout completed.</summary>
    public const int Ok = 0;

    /// <summary>
    /// Policies invalid, or the controller refused the change (e.g. resume of a running rollout); for <c>watch</c>, the
    /// rollout ended rolled back or aborted.
    /// </summary>
    public const int Failed = 1;

    /// <summary>Bad command line, path not found, or (serve) invalid configuration or a listen address in use.</summary>
    public const int Usage = 2;

    /// <summary>The controller could not be reached or answered with a server error.</summary>
    public const int Unreachable = 3;

    /// <summary>Missing, unknown or insufficient API token.</summary>
    public const int Unauthorized = 4;

    /// <summary>No such rollout.</summary>
    public const int NotFound = 5;

    /// <summary>
    /// <c>watch</c> stopped by Ctrl+C (or SIGTERM) before the rollout ended: 128 + SIGINT, as shells report an
    /// interrupted program, so a script never takes an interrupted watch for a completed rollout.
    /// </summary>
    public const int Interrupted = 130;

    /// <summary>The exit code for a controller's answer that is not a success.</summary>
    public static int Of(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Unauthorized,
        HttpStatusCode.NotFound => NotFound,
        HttpStatusCode.BadRequest or HttpStatusCode.Conflict => Failed,
        _ => Unreachable,
    };
}
