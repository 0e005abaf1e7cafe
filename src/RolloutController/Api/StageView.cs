namespace RolloutController.Api;

internal sealed record StageView(int Stage, decimal Weight, double HoldSeconds);
