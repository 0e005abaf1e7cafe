using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>{ rounds: N, action: rollback | pause | notify }</c> (action defaults to pause).</summary>
internal static class RoundLimitReader
{
    public static RoundLimit? Read(NodeReader reader, Field field)
    {
        if (reader.Fields(field, "rounds", "action") is not { } fields) return null;
        var rounds = reader.Integer(fields.Required("rounds"), minimum: 1);
        var action = fields.Optional("action") is { Node: not null } actionField ? reader.Enum<LimitAction>(actionField) : LimitAction.Pause;
        return rounds is null || action is null ? null : new RoundLimit(rounds.Value, action.Value);
    }
}
