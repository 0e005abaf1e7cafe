using BenchmarkDotNet.Running;
using RolloutController.Benchmarks;

// Usage (from the repository root): dotnet run -c Release --project tests/RolloutController.Benchmarks -- --filter '*'
// Any BenchmarkDotNet argument works (--filter '*Bucketing*', --list flat, ...). See docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(ShortRunConfig).Assembly).Run(args, new ShortRunConfig());
