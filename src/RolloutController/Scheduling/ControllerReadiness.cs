namespace RolloutController.Scheduling;

/// <summary>Ready once the schema is applied and the first set of policies is scheduled.</summary>
internal sealed class ControllerReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
