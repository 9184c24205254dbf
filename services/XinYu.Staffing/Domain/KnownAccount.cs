using XinYu.Messaging.Copies;

namespace XinYu.Staffing.Domain;

/// <summary>
/// A staff account as Identity announced it (StaffAccountCreated): ids only. A school may link a staff record only to
/// an account of its own school, so one school cannot claim another's account and block that school's own link.
/// </summary>
public sealed class KnownAccount : LocalCopy
{
    public Guid AccountId { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>Null for a bureau account, which no school links.</summary>
    public Guid? SchoolId { get; set; }
}
