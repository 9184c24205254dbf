namespace XinYu.Testing;

/// <summary>Waits for something asynchronous (a message, a relay) to happen, failing with a reason if it does not.</summary>
public static class Eventually
{
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
            }
            await Task.Delay(100);
        }
    }

    public static Task AssertAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        AssertAsync(() => Task.FromResult(condition()), timeout, what);
}
