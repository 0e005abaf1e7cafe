namespace RolloutController.DecisionHarness;

/// <summary>Where in the ramp something happened: the stage index and the hours since that stage began.</summary>
internal sealed record StagePoint(int Stage, double HoursIntoStage);
