using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RolloutController.Benchmarks;

/// <summary>
/// One launch, 3 warm-up and 3 measured iterations (BenchmarkDotNet's ShortRun), run in this process so nothing is
/// rebuilt per benchmark: the whole suite takes a few minutes on 2 cores. Short runs give wider error bars; the
/// results table reports them, with min and median beside the mean. Memory is always measured.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        // On a shared machine the mean absorbs time the process was descheduled; min and median show how much.
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
    }
}
