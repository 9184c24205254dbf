using Npgsql;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace XinYu.Bench;

/// <summary>
/// Reads the outbox and inbox tables of every service's database, to tell what was published and what each consumer
/// applied: the ground truth for "nothing lost, nothing duplicated" and for delivery latency.
/// </summary>
public sealed class Deliveries(DistributedApplication app)
{
    public static readonly string[] Databases = ["recordsdb", "screeningdb", "staffingdb", "liaisondb", "calendardb", "identitydb"];

    public string ConnectionString(string database) =>
        app.GetConnectionStringAsync(database).AsTask().GetAwaiter().GetResult() ?? throw new InvalidOperationException($"No connection string for {database}.");

    /// <summary>Ids of messages of <paramref name="typeName"/> (e.g. "SchoolRegistered") that <paramref name="database"/> wrote to its outbox since <paramref name="since"/>.</summary>
    public async Task<List<Guid>> PublishedAsync(string database, string typeName, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT message_id FROM outbox_messages WHERE message_type LIKE @type AND created_at >= @since", connection);
        command.Parameters.AddWithValue("type", $"XinYu.Contracts.{typeName},%");
        command.Parameters.AddWithValue("since", since);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Messages of the outbox not yet handed to the broker.</summary>
    public async Task<long> UnsentAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>For each (database, consumer): how many of <paramref name="ids"/> it applied, and rows per id beyond one.</summary>
    public async Task<List<(string Database, string Consumer, long Applied, long Duplicates, DateTimeOffset? Last)>> AppliedAsync(IReadOnlyCollection<Guid> ids)
    {
        var result = new List<(string, string, long, long, DateTimeOffset?)>();
        foreach (var database in Databases)
        {
            await using var connection = new NpgsqlConnection(ConnectionString(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT consumer, count(DISTINCT message_id), count(*) - count(DISTINCT message_id), max(processed_at) FROM inbox_messages WHERE message_id = ANY(@ids) GROUP BY consumer",
                connection);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                result.Add((database, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return result;
    }

    /// <summary>When each consumer applied one message: (consumer, processed at).</summary>
    public async Task<Dictionary<Guid, List<(string Consumer, DateTimeOffset At)>>> ArrivalsAsync(IReadOnlyCollection<Guid> ids)
    {
        var arrivals = new Dictionary<Guid, List<(string, DateTimeOffset)>>();
        foreach (var database in Databases)
        {
            await using var connection = new NpgsqlConnection(ConnectionString(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT message_id, consumer, processed_at FROM inbox_messages WHERE message_id = ANY(@ids)", connection);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (!arrivals.TryGetValue(id, out var list)) arrivals[id] = list = [];
                list.Add((reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }
        return arrivals;
    }

    /// <summary>When each of <paramref name="ids"/> was written to <paramref name="database"/>'s outbox and handed to the broker.</summary>
    public async Task<Dictionary<Guid, (DateTimeOffset Created, DateTimeOffset? Sent)>> RelayTimesAsync(string database, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message_id, created_at, sent_at FROM outbox_messages WHERE message_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var times = new Dictionary<Guid, (DateTimeOffset, DateTimeOffset?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            times[reader.GetGuid(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        return times;
    }

    public async Task<long> CountAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>For messages of <paramref name="typeName"/> since <paramref name="since"/>: the value of a Guid field of the payload → message id.</summary>
    public async Task<Dictionary<Guid, Guid>> PayloadIdsAsync(string database, string typeName, DateTimeOffset since, string field)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (payload->>@field)::uuid, message_id FROM outbox_messages WHERE message_type LIKE @type AND created_at >= @since AND payload->>@field IS NOT NULL", connection);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("type", $"XinYu.Contracts.{typeName},%");
        command.Parameters.AddWithValue("since", since);
        var ids = new Dictionary<Guid, Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids[reader.GetGuid(0)] = reader.GetGuid(1);
        return ids;
    }
}
