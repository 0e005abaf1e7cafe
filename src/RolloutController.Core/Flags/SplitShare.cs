namespace RolloutController.Flags;

/// <summary>One variant's part of a fixed split.</summary>
/// <param name="Variant">Index into the flag's variants.</param>
/// <param name="Weight">Percentage of targeting keys (three decimals).</param>
/// <param name="UpTo">Cumulative bucket bound: keys whose bucket is below it, and not below the previous share's, get this variant.</param>
internal sealed record SplitShare(int Variant, decimal Weight, int UpTo);
