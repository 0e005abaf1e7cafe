namespace RolloutController.TestUtilities.Webhooks;

/// <summary>What a local receiver got, in order, and a wait for a condition on it; shared by the receivers standing in for vendors.</summary>
public sealed class RequestLog<T>(Func<T, string> describe)
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Items
    {
        get { lock (_gate) return [.. _items]; }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for what was received so far; throws with what was received on timeout.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(Func<IReadOnlyList<T>, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (predicate(_items)) return [.. _items];
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var items = Items;
                throw new TimeoutException(
                    $"receiver condition not met within {timeout}; got {items.Count} request(s): {string.Join(", ", items.Select(describe))}");
            }
        }
    }
}
