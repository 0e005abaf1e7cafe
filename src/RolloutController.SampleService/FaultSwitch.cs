namespace RolloutController.SampleService;

/// <summary>The injected fault: share of flag-on requests that fail with a 500.</summary>
internal sealed class FaultSwitch
{
    private double _onErrorRate;

    public double OnErrorRate
    {
        get => Volatile.Read(ref _onErrorRate);
        set => Volatile.Write(ref _onErrorRate, value);
    }
}
