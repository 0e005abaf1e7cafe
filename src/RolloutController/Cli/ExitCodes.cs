namespace RolloutController.Cli;

/// <summary>rolloutctl's exit codes (documented in docs/operations.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Policies invalid, or the controller refused the change (e.g. resume of a running rollout).</summary>
    public const int Failed = 1;

    /// <summary>Bad command line, path not found, or (serve) invalid configuration or a listen address in use.</summary>
    public const int Usage = 2;

    /// <summary>The controller could not be reached or answered with a server error.</summary>
    public const int Unreachable = 3;

    /// <summary>Missing, unknown or insufficient API token.</summary>
    public const int Unauthorized = 4;

    /// <summary>No such rollout.</summary>
    public const int NotFound = 5;
}
