namespace RolloutController.Flags;

/// <summary>Which layer of the system a flag switches: what users see (<c>app</c>) or what it runs on (<c>infra</c>).</summary>
internal enum FlagLayer
{
    App,
    Infra,
}
