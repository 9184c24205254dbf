using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using XinYu.Contracts;

namespace XinYu.Messaging.Copies;

/// <summary>The rule of every local copy: the latest event wins, by the time it happened.</summary>
public static class LocalCopies
{
    /// <summary>
    /// Applies <paramref name="message"/> to the copy with <paramref name="key"/>: creates it when it is not kept yet (if
    /// <paramref name="create"/> is given), and changes it only when the message is not older than the copy's latest
    /// event. The row is locked first, so two events of one entity consumed at once are applied one after the other, and
    /// the later in time wins whichever commits last. Two events creating one entity at once: the second fails on the
    /// key and its retry finds the row. Call inside the consumer's transaction (the inbox's); the caller saves.
    /// </summary>
    /// <param name="update">Sets the copy from the message; it sees the copy as it was (for side effects of a move),
    /// and whether it was just created.</param>
    /// <returns>The copy changed, or null when the message changed nothing.</returns>
    public static async Task<TCopy?> ApplyLatestAsync<TCopy>(this DbContext db, IntegrationEvent message, object[] key, Func<TCopy>? create,
        Func<TCopy, bool, Task> update, CancellationToken ct) where TCopy : class, ILocalCopy
    {
        var copy = await FindForUpdateAsync<TCopy>(db, key, ct);
        var created = copy is null;
        if (copy is null)
        {
            if (create is null) return null;
            copy = create();
        }
        else if (copy.SourceChangedAt > message.OccurredAt)
        {
            return null; // a newer event was applied already
        }
        await update(copy, created);
        copy.SourceChangedAt = message.OccurredAt;
        copy.SourceEvents++;
        if (created) db.Add(copy); // after update: the key is set by then
        return copy;
    }

    /// <summary>The row by primary key with <c>FOR UPDATE</c>; table and columns come from the service's own mapping.</summary>
    private static async Task<TCopy?> FindForUpdateAsync<TCopy>(DbContext db, object[] key, CancellationToken ct) where TCopy : class
    {
        var entity = db.Model.FindEntityType(typeof(TCopy)) ?? throw new InvalidOperationException($"{typeof(TCopy).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var keys = entity.FindPrimaryKey()!.Properties;
        if (keys.Count != key.Length) throw new ArgumentException($"{typeof(TCopy).Name} has a key of {keys.Count} values.", nameof(key));
        var where = string.Join(" AND ", keys.Select((p, i) => $"{Quote(p.GetColumnName(table)!)} = {{{i}}}"));
        var from = table.Schema is { } schema ? $"{Quote(schema)}.{Quote(table.Name)}" : Quote(table.Name);
        // Names from the model, values as parameters: nothing from a message reaches the SQL text.
        var sql = $"SELECT * FROM {from} WHERE {where} FOR UPDATE";
        var rows = await db.Set<TCopy>().FromSqlRaw(sql, key).ToListAsync(ct);
        return rows.SingleOrDefault();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
