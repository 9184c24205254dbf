using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>What to write in the trail; who and from where come from the request.</summary>
public sealed record AuditRecord(string Action, string ResourceType, string? ResourceId = null, Guid? StudentId = null,
    Guid? SchoolId = null, string? Purpose = null);

/// <summary>
/// Records reads and changes of a student's data. The entry joins the caller's unit of work: it commits with the
/// change it describes (call SaveChanges as usual; for a plain read, save right after recording).
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor accessor, TimeProvider time)
{
    /// <summary>
    /// A placeholder key per new entry (negative, unique in the process): the database trigger assigns the real
    /// sequence. Without it, two entries in one unit of work (or one after an earlier save in the same context) would
    /// share the key 0 and EF Core would refuse to track the second.
    /// </summary>
    private static long _placeholder;

    public static class Actions
    {
        public const string Read = "read";
        public const string Create = "create";
        public const string Update = "update";
        public const string Export = "export";
        public const string Denied = "denied";
    }

    public void Record(DbContext db, AuditRecord record)
    {
        var http = accessor.HttpContext;
        var caller = http is null ? null : CallerScope.From(http.User);
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            Sequence = Interlocked.Decrement(ref _placeholder),
            OccurredAt = time.GetUtcNow(),
            ActorId = string.IsNullOrEmpty(caller?.Subject) ? "system" : caller.Subject,
            ActorRoles = caller is null ? "" : string.Join(' ', caller.Roles.Order(StringComparer.Ordinal)),
            ClientAddress = http?.Connection.RemoteIpAddress?.ToString(),
            Action = record.Action,
            ResourceType = record.ResourceType,
            // Never fail the change being audited over an overlong id: keep its start, which names the resource.
            ResourceId = record.ResourceId is { Length: > AuditEntry.ResourceIdLength } id ? id[..AuditEntry.ResourceIdLength] : record.ResourceId,
            StudentId = record.StudentId,
            SchoolId = record.SchoolId,
            BureauId = caller?.BureauId,
            Purpose = record.Purpose,
            CorrelationId = http is null ? null : CorrelationIdMiddleware.Of(http),
        });
    }
}
