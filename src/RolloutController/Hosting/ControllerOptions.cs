namespace RolloutController.Hosting;

/// <summary>Top-level settings (section <c>RolloutController</c>); each subsystem has its own subsection.</summary>
internal sealed class ControllerOptions
{
    public const string Section = "RolloutController";

    /// <summary>Directory of policy YAML files, watched for changes. Default <c>policies</c> (relative to the working directory).</summary>
    public string PoliciesDirectory { get; set; } = "policies";
}
