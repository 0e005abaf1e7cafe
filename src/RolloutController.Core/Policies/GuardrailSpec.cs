namespace RolloutController.Policies;

/// <summary>A PromQL query whose value must stay within bounds while the flag is on.</summary>
/// <param name="Name">Unique within the policy.</param>
/// <param name="Query">PromQL template; <c>{{ flag }}</c> is replaced by the escaped flag key.</param>
/// <param name="Max">Fails when the value is above it (lower is better).</param>
/// <param name="Min">Fails when the value is below it (higher is better).</param>
/// <param name="FailureLimit">Consecutive failing measurements that roll the flag back. Default 2.</param>
/// <param name="OnNoData">What an empty result means. Default <see cref="NoDataAction.Hold"/>.</param>
internal sealed record GuardrailSpec(
    string Name,
    string Query,
    double? Max,
    double? Min,
    int FailureLimit = GuardrailSpec.DefaultFailureLimit,
    NoDataAction OnNoData = NoDataAction.Hold)
{
    public const int DefaultFailureLimit = 2;
}
