namespace RolloutController.Backtesting;

/// <summary>How often each verdict came back for one guardrail over the replay.</summary>
internal sealed record GuardrailTally(string Guardrail, int Pass, int Fail, int Inconclusive, int NoData, int Error)
{
    public int Total => Pass + Fail + Inconclusive + NoData + Error;
}
