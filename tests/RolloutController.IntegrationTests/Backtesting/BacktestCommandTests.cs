using RolloutController.Cli;

namespace RolloutController.IntegrationTests.Backtesting;

/// <summary>How <c>rolloutctl backtest</c> refuses bad input before it queries anything.</summary>
public sealed class BacktestCommandTests : IDisposable
{
    private readonly BacktestPolicyFile _policy = new();

    public void Dispose() => _policy.Dispose();

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RolloutCtl.RunAsync(["backtest", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task An_invalid_policy_prints_the_validate_diagnostics_and_exits_1()
    {
        using var bad = new BacktestPolicyFile(BacktestPolicyFile.Yaml.Replace("{ weight: 25, hold: 30m }", "{ weight: 5, hold: 30m }", StringComparison.Ordinal));

        var (code, stdout, stderr) = await RunAsync(bad.Path, "--from", "2026-11-01T00:00Z", "--to", "2026-11-01T06:00Z");

        code.ShouldBe(ExitCodes.Failed);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"{bad.Path}:13:17: error: spec.stages[2].weight: must be greater than the previous stage's weight 10, got 5");
        stderr.ShouldContain("1 error in 1 file of 1");
    }

    [Fact]
    public async Task A_missing_policy_file_exits_2()
    {
        var (code, _, stderr) = await RunAsync(_policy.Path + ".missing", "--from", "2026-11-01T00:00Z");

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("does not exist");
    }

    [Theory]
    [InlineData("yesterday", "2026-11-01T06:00Z", "--from 'yesterday' is not valid: use ISO 8601")]
    [InlineData("2026-11-01T06:00Z", "2026-11-01T00:00Z", "--to (2026-11-01T00:00:00Z) must be later than --from (2026-11-01T06:00:00Z)")]
    [InlineData("2026-11-01T00:00Z", "2026-11-01T00:00Z", "must be later than --from")]
    [InlineData("2026-11-01T00:00Z", "2999-01-01", "is in the future")]
    public async Task Bad_dates_or_ranges_exit_2_with_a_clear_message(string from, string to, string message)
    {
        var (code, stdout, stderr) = await RunAsync(_policy.Path, "--from", from, "--to", to);

        code.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
    }

    [Fact]
    public async Task A_range_of_too_many_rounds_is_refused_with_an_interval_that_fits()
    {
        var (code, _, stderr) = await RunAsync(_policy.Path, "--from", "2025-01-01", "--to", "2026-01-01", "--interval", "1m");

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("is 525,601 rounds, more than the limit of 100,000: use --interval 316s or larger");
    }

    [Fact]
    public async Task A_bad_prometheus_url_exits_2_naming_the_setting()
    {
        var (code, _, stderr) = await RunAsync(_policy.Path, "--from", "2026-11-01T00:00Z", "--to", "2026-11-01T01:00Z", "--prometheus", "prometheus:9090");

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("RolloutController:Prometheus:Url must be an absolute http or https URL (was 'prometheus:9090')");
    }
}
