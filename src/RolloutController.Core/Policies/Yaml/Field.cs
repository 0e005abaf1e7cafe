using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies.Yaml;

/// <summary>A field's value node (null when absent) and its path, as handed to <see cref="NodeReader"/>.</summary>
/// <param name="Key">The key the value was written under; problems of the value as a whole (a missing nested field) are
/// reported there, since a block mapping's own position is that of its first entry.</param>
internal readonly record struct Field(YamlNode? Node, string Path, YamlNode? Key = null);
