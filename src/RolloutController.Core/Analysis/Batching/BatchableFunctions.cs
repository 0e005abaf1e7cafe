using static RolloutController.Analysis.Batching.PromQlType;

namespace RolloutController.Analysis.Batching;

/// <summary>
/// The functions a batched query may use. Each works series by series and keeps the series' labels (the metric name
/// aside), so over several flags' series at once it gives every flag's series exactly what it gives them alone;
/// <c>histogram_quantile</c> merges only buckets whose labels other than <c>le</c> are equal, which includes the flag.
/// Every other function is refused, with a reason for those whose effect on labels is known to break that.
/// </summary>
internal static class BatchableFunctions
{
    private static readonly Dictionary<string, FunctionSignature> Signatures = new(StringComparer.Ordinal)
    {
        ["rate"] = FunctionSignature.Of(RangeVector),
        ["irate"] = FunctionSignature.Of(RangeVector),
        ["increase"] = FunctionSignature.Of(RangeVector),
        ["delta"] = FunctionSignature.Of(RangeVector),
        ["idelta"] = FunctionSignature.Of(RangeVector),
        ["deriv"] = FunctionSignature.Of(RangeVector),
        ["resets"] = FunctionSignature.Of(RangeVector),
        ["changes"] = FunctionSignature.Of(RangeVector),
        ["avg_over_time"] = FunctionSignature.Of(RangeVector),
        ["min_over_time"] = FunctionSignature.Of(RangeVector),
        ["max_over_time"] = FunctionSignature.Of(RangeVector),
        ["sum_over_time"] = FunctionSignature.Of(RangeVector),
        ["count_over_time"] = FunctionSignature.Of(RangeVector),
        ["stddev_over_time"] = FunctionSignature.Of(RangeVector),
        ["stdvar_over_time"] = FunctionSignature.Of(RangeVector),
        ["last_over_time"] = FunctionSignature.Of(RangeVector),
        ["present_over_time"] = FunctionSignature.Of(RangeVector),
        ["quantile_over_time"] = FunctionSignature.Of(Scalar, RangeVector),
        ["predict_linear"] = FunctionSignature.Of(RangeVector, Scalar),
        ["histogram_quantile"] = FunctionSignature.Of(Scalar, InstantVector),
        ["clamp"] = FunctionSignature.Of(InstantVector, Scalar, Scalar),
        ["clamp_min"] = FunctionSignature.Of(InstantVector, Scalar),
        ["clamp_max"] = FunctionSignature.Of(InstantVector, Scalar),
        ["round"] = new FunctionSignature([InstantVector, Scalar], 1),
        ["abs"] = FunctionSignature.Of(InstantVector),
        ["ceil"] = FunctionSignature.Of(InstantVector),
        ["floor"] = FunctionSignature.Of(InstantVector),
        ["exp"] = FunctionSignature.Of(InstantVector),
        ["ln"] = FunctionSignature.Of(InstantVector),
        ["log2"] = FunctionSignature.Of(InstantVector),
        ["log10"] = FunctionSignature.Of(InstantVector),
        ["sqrt"] = FunctionSignature.Of(InstantVector),
        ["sgn"] = FunctionSignature.Of(InstantVector),
        ["timestamp"] = FunctionSignature.Of(InstantVector),
    };

    private static readonly Dictionary<string, string> Refusals = new(StringComparer.Ordinal)
    {
        ["scalar"] = "scalar() turns a vector into one number, which cannot carry a flag",
        ["vector"] = "vector() makes a series without labels, which cannot be told apart per flag",
        ["absent"] = "absent() takes its labels from equality matchers, which the batched form turns into a regex",
        ["absent_over_time"] = "absent_over_time() takes its labels from equality matchers, which the batched form turns into a regex",
        ["label_replace"] = "label_replace() can rewrite the flag label",
        ["label_join"] = "label_join() can rewrite the flag label",
        ["sort"] = "sort() orders the whole answer, which is not one flag's order",
        ["sort_desc"] = "sort_desc() orders the whole answer, which is not one flag's order",
        ["sort_by_label"] = "sort_by_label() orders the whole answer, which is not one flag's order",
        ["sort_by_label_desc"] = "sort_by_label_desc() orders the whole answer, which is not one flag's order",
    };

    /// <summary>The names of every function a batched query may use.</summary>
    public static IReadOnlyCollection<string> Names => Signatures.Keys;

    /// <summary>The signature of <paramref name="name"/>, or null with the reason it cannot be batched.</summary>
    public static FunctionSignature? Find(string name, out string refusal)
    {
        if (Signatures.TryGetValue(name, out var signature))
        {
            refusal = "";
            return signature;
        }
        refusal = Refusals.TryGetValue(name, out var reason)
            ? reason
            : $"{name}() is not among the functions known to keep every label series by series";
        return null;
    }
}
