using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies.Yaml;

/// <summary>A field's value node (null when absent) and its path, as handed to <see cref="NodeReader"/>.</summary>
internal readonly record struct Field(YamlNode? Node, string Path);
