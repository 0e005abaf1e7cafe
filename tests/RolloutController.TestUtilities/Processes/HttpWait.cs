namespace RolloutController.TestUtilities.Processes;

/// <summary>Polls until a condition holds, with a deadline and a message that says what never happened.</summary>
public static class HttpWait
{
    public static async Task UntilReadyAsync(Uri url, TimeSpan timeout, Func<string> log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await UntilAsync(async () =>
        {
            try { return (await http.GetAsync(url)).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, timeout, () => $"{url} did not answer 2xx within {timeout}.\n{log()}");
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure());
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
