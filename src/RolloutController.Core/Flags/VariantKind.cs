namespace RolloutController.Flags;

/// <summary>The type of a flag's variant values; every variant of one flag has the same.</summary>
internal enum VariantKind
{
    Boolean,
    String,
    Number,
    Object,
}
