namespace RolloutController.Rollouts;

internal enum NoticeSeverity
{
    Info,
    Warning,
    Critical,
}
