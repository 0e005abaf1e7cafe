namespace RolloutController.Policies.Yaml;

/// <summary>What a scalar resolves to under YAML 1.2's core schema (the one editors and JSON Schema tools use).</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
}
