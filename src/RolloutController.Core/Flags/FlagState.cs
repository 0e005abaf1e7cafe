namespace RolloutController.Flags;

/// <summary>A flag's declared state: a disabled flag serves its default variant to everyone (reason <c>DISABLED</c>).</summary>
internal enum FlagState
{
    Enabled,
    Disabled,
}
