namespace RolloutController.Hosting;

/// <summary>Top-level settings (section <c>RolloutController</c>); each subsystem has its own subsection.</summary>
internal sealed class ControllerOptions
{
    public const string Section = "RolloutController";

    /// <summary>Directory of policy YAML files, watched for changes. Default <c>policies</c> (relative to the working directory).</summary>
    public string PoliciesDirectory { get; set; } = "policies";

    /// <summary>
    /// The controller's address as people reach it (behind an ingress or load balancer), an absolute http(s) URL; notifications
    /// link each rollout's page under it (<c>{ExternalUrl}/rollouts/{flag}</c>, the dashboard's rollout page). Default none: no such link.
    /// </summary>
    public string? ExternalUrl { get; set; }
}
