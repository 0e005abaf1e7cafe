namespace RolloutController.Api;

/// <summary>Why a change's reason cannot be recorded (<see cref="CommandRequest.CheckReason"/>).</summary>
internal enum ReasonProblem
{
    None,
    Missing,
    TooLong,
}
