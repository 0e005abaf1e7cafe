namespace RolloutController.Policies;

/// <summary>What a flag is for; decides which lifecycle fields are required.</summary>
internal enum FlagType
{
    Release,
    Experiment,
    Ops,
    Permission,
}
