using RolloutController.Policies;

namespace RolloutController.Benchmarks;

/// <summary>The example policies of <c>policies/</c>, copied next to the benchmark binary at build time.</summary>
internal static class ExamplePolicies
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "policies");

    public static IReadOnlyList<PolicySourceFile> ReadAll() =>
        System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => new PolicySourceFile(path, File.ReadAllText(path)))
            .ToList();

    public static PolicySourceFile Read(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        return new PolicySourceFile(path, File.ReadAllText(path));
    }

    /// <summary>Loads one example file and returns its policy; throws if the file is not valid.</summary>
    public static RolloutPolicy Load(string fileName)
    {
        var result = PolicyLoader.Load([Read(fileName)]);
        if (!result.IsValid)
            throw new InvalidOperationException($"{fileName}: {string.Join("; ", result.Diagnostics)}");
        return result.Policies.Single();
    }
}
