using Npgsql;

namespace XinYu.Testing.Services;

/// <summary>
/// Runs rounds of a periodic job at once, as replicas do, and makes the race certain instead of likely: the table the
/// rounds write is held (EXCLUSIVE: reads go on, writes wait) until every round has either finished or is waiting for
/// a lock, so each has read what it will act on before any has written. Without a guard in the data, every round then
/// writes the same effects.
/// </summary>
public static class ReplicaRace
{
    public static async Task<int[]> RunAsync(string ownerConnectionString, string writtenTable, params Func<Task<int>>[] rounds)
    {
        await using var gate = new NpgsqlConnection(ownerConnectionString);
        await gate.OpenAsync();
        await using var transaction = await gate.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"LOCK TABLE {writtenTable} IN EXCLUSIVE MODE", gate, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }
        var running = rounds.Select(round => Task.Run(round)).ToArray();
        var started = DateTime.UtcNow;
        while (true)
        {
            var arrived = running.Count(t => t.IsCompleted) + await WaitingAsync(gate);
            if (arrived >= running.Length) break;
            // On a loaded two-core CI machine a round has been seen not to arrive within a minute (cause not found):
            // once two rounds wait, a late one is let through after LateAfter. The two still race, which is what the
            // tests' own assertions (each effect once) need.
            if (arrived >= 2 && DateTime.UtcNow - started > LateAfter) break;
            if (DateTime.UtcNow - started > GiveUpAfter)
                throw new TimeoutException($"Only {arrived} of {running.Length} rounds finished or waited for a lock within {GiveUpAfter.TotalSeconds} s.");
            await Task.Delay(50);
        }
        await transaction.CommitAsync();
        return await Task.WhenAll(running);
    }

    private static readonly TimeSpan LateAfter = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    /// <summary>Sessions of this database waiting for a lock (pg_locks shows every role's; the gate itself waits for none).</summary>
    private static async Task<int> WaitingAsync(NpgsqlConnection gate)
    {
        await using var count = new NpgsqlCommand("""
            SELECT count(DISTINCT l.pid)::int FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND a.datname = current_database()
            """, gate);
        return (int)(await count.ExecuteScalarAsync())!;
    }
}
