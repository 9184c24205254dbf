using Npgsql;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.ServiceDefaults.Data;

/// <summary>
/// The service's own database role, kept by the owner role after each migration: it may read and change the service's
/// tables, but not own them (so it cannot alter or disable their triggers), not change the migrations' history, and on
/// the audit trail only read, insert and seal (<see cref="AuditTrailModel.AppRoleGrantsSql"/>).
/// </summary>
public static class DatabaseRoles
{
    /// <summary>Creates the role named in <paramref name="appConnectionString"/> if missing, sets its password and grants it what it needs.</summary>
    public static async Task GrantAppRoleAsync(string ownerConnectionString, string appConnectionString, CancellationToken ct)
    {
        var app = new NpgsqlConnectionStringBuilder(appConnectionString);
        var role = app.Username ?? throw new InvalidOperationException("The service's connection string names no Username.");
        var password = app.Password ?? throw new InvalidOperationException("The service's connection string has no Password.");
        var name = Identifier(role);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        var auditTrail = await ExistsAsync(connection, AuditTrailModel.Table, ct);
        var history = await ExistsAsync(connection, "\"__EFMigrationsHistory\"", ct);
        var sql = $"""
            DO $$ BEGIN CREATE ROLE {name} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            ALTER ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {Literal(password)};
            GRANT CONNECT ON DATABASE {Identifier(connection.Database)} TO {name};
            GRANT USAGE ON SCHEMA public TO {name};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {name};
            {(history ? $"REVOKE INSERT, UPDATE, DELETE ON \"__EFMigrationsHistory\" FROM {name};" : "")}
            {(auditTrail ? AuditTrailModel.AppRoleGrantsSql(role) : "")}
            """;
        // Several replicas may start at once: the same statements, applied in turn.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockRoles = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4242424203)", connection, transaction))
        {
            await lockRoles.ExecuteNonQueryAsync(ct);
        }
        await using (var grant = new NpgsqlCommand(sql, connection, transaction))
        {
            await grant.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
