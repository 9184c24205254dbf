using System.Collections.Concurrent;

namespace XinYu.Web.Live;

/// <summary>
/// The open pages of this replica that show a school's warnings, and a way to tell them the school's queue changed.
/// A page subscribes while it is open; it then reads the queue again through the API with its user's token, so the
/// event decides only when to look, never what a user may see.
/// </summary>
public sealed class SchoolBoard
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<Task>>> _pages = new();

    public IDisposable Watch(Guid schoolId, Func<Task> changed)
    {
        var id = Guid.NewGuid();
        _pages.GetOrAdd(schoolId, _ => new()).TryAdd(id, changed);
        return new Subscription(() =>
        {
            if (_pages.TryGetValue(schoolId, out var pages)) pages.TryRemove(id, out _);
        });
    }

    public async Task ChangedAsync(Guid schoolId)
    {
        if (!_pages.TryGetValue(schoolId, out var pages)) return;
        foreach (var changed in pages.Values)
        {
            try
            {
                await changed();
            }
            catch (ObjectDisposedException)
            {
                // the page's circuit closed between the lookup and the call
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
