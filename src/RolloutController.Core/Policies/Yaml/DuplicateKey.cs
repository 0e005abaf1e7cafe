using YamlDotNet.Core;

namespace RolloutController.Policies.Yaml;

/// <summary>A mapping key written a second time; the second entry was dropped.</summary>
/// <param name="Path">Field path of the key, e.g. <c>spec.flag.key</c>.</param>
internal sealed record DuplicateKey(string Path, string Key, Mark At, Mark First);
