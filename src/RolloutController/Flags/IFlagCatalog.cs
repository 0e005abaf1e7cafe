namespace RolloutController.Flags;

/// <summary>The source of truth for flag weights, read by the OFREP endpoints on every evaluation.</summary>
internal interface IFlagCatalog
{
    FlagCatalogSnapshot Current { get; }
}
